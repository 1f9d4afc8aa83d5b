/**
 * Folds the engine's push/pull JSON events into per-layer bars and an overall figure (bytes,
 * rate, time left). Pure: the caller passes the clock, so tests need no timers.
 */

export interface ProgressEvent {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  progress?: string;
  aux?: { Tag?: string; Digest?: string; Size?: number };
  error?: string;
  errorDetail?: { message?: string; code?: number };
}

export type LayerState = 'waiting' | 'active' | 'done' | 'skipped' | 'failed';

export interface LayerProgress {
  id: string;
  status: string;
  state: LayerState;
  current: number;
  total?: number;
}

export interface OverallProgress {
  layers: number;
  layersDone: number;
  layersSkipped: number;
  bytesDone: number;
  bytesTotal: number;
  /** Bytes per second over the recent window. */
  rate: number;
  /** Seconds left at the current rate, when it can be told. */
  etaSeconds?: number;
  fraction: number;
}

const SKIPPED = /^(Layer already exists|Already exists|Mounted from)/i;
const DONE = /^(Pushed|Pull complete|Download complete)$/i;
const ACTIVE = /^(Pushing|Downloading|Extracting|Verifying Checksum)/i;
const WAITING = /^(Preparing|Waiting|Pulling fs layer)/i;
const DIGEST = /digest: (sha256:[a-f0-9]{64})/i;
const RATE_WINDOW_MS = 5000;

export class LayerProgressTracker {
  private readonly layers = new Map<string, LayerProgress>();
  private readonly samples: Array<{ at: number; bytes: number }> = [];
  digest: string | undefined;
  /** The error line of the stream, if any: the engine reports failures inside a 200 response. */
  error: string | undefined;
  lastStatus = '';

  /** Applies one event; answers true when it changed a bar. */
  apply(event: ProgressEvent, now: number): boolean {
    if (event.errorDetail?.message || event.error) {
      this.error = event.errorDetail?.message ?? event.error;
      return true;
    }
    if (event.aux?.Digest) this.digest = event.aux.Digest;
    const status = event.status ?? '';
    const digest = DIGEST.exec(status);
    if (digest?.[1]) this.digest = digest[1];
    if (!event.id || !isLayerId(event.id)) {
      if (status) this.lastStatus = status;
      return false;
    }
    const layer = this.layers.get(event.id) ?? { id: event.id, status, state: 'waiting' as LayerState, current: 0 };
    layer.status = status;
    if (SKIPPED.test(status)) layer.state = 'skipped';
    else if (DONE.test(status)) {
      layer.state = 'done';
      if (layer.total) layer.current = layer.total;
    } else if (ACTIVE.test(status)) {
      layer.state = 'active';
      const d = event.progressDetail;
      // Extracting restarts the counter on the same bytes: keep the download figure.
      if (d && typeof d.current === 'number' && !/^Extracting/i.test(status)) {
        layer.current = d.current;
        if (typeof d.total === 'number' && d.total > 0) layer.total = d.total;
      }
    } else if (WAITING.test(status)) {
      if (layer.state !== 'done' && layer.state !== 'skipped') layer.state = 'waiting';
    }
    this.layers.set(event.id, layer);
    this.sample(now);
    return true;
  }

  items(): LayerProgress[] {
    return [...this.layers.values()];
  }

  overall(now: number): OverallProgress {
    let bytesDone = 0;
    let bytesTotal = 0;
    let layersDone = 0;
    let layersSkipped = 0;
    for (const l of this.layers.values()) {
      if (l.state === 'skipped') {
        layersSkipped++;
        continue;
      }
      if (l.state === 'done') layersDone++;
      bytesDone += l.current;
      bytesTotal += l.total ?? l.current;
    }
    const rate = this.rate(now);
    let started = 0;
    for (const l of this.layers.values()) if (l.state !== 'waiting') started++;
    const byLayers = this.layers.size === 0 ? 0 : (layersDone + layersSkipped) / this.layers.size;
    // Waiting layers have no size yet: the byte ratio alone would run ahead of the truth.
    const fraction = bytesTotal > 0 ? Math.min(bytesDone / bytesTotal, started / this.layers.size) : byLayers;
    const result: OverallProgress = { layers: this.layers.size, layersDone, layersSkipped, bytesDone, bytesTotal, rate, fraction };
    if (rate > 0 && bytesTotal > bytesDone) result.etaSeconds = Math.ceil((bytesTotal - bytesDone) / rate);
    return result;
  }

  private bytesNow(): number {
    let b = 0;
    for (const l of this.layers.values()) if (l.state !== 'skipped') b += l.current;
    return b;
  }

  private sample(now: number): void {
    this.samples.push({ at: now, bytes: this.bytesNow() });
    while (this.samples.length > 2 && (this.samples[0]?.at ?? now) < now - RATE_WINDOW_MS) this.samples.shift();
  }

  private rate(now: number): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at - first.at < 200) return 0;
    void now;
    return Math.max(0, ((last.bytes - first.bytes) * 1000) / (last.at - first.at));
  }
}

/** Layer ids are short hex ids; status lines about tags ("1.0-1", "latest") are not layers. */
function isLayerId(id: string): boolean {
  return /^[a-f0-9]{12,64}$/.test(id);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v >= 100 ? 0 : 1)} ${units[i]}`;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}
