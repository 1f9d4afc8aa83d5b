import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { BuildLogChunk, BuildLogSummary } from '@shared/contract/images';

export interface BuildLogLimits {
  /** Per log: past this the head is kept, the middle dropped and the last `tailBytes` kept. */
  maxLogBytes: number;
  tailBytes: number;
  /** All logs together: the oldest go first. */
  maxTotalBytes: number;
  maxLogs: number;
}

export const DEFAULT_LOG_LIMITS: BuildLogLimits = { maxLogBytes: 16 * 1024 * 1024, tailBytes: 2 * 1024 * 1024, maxTotalBytes: 200 * 1024 * 1024, maxLogs: 200 };

/** One build's log on disk, written as it streams so it survives the page and the app going away. */
export class BuildLogWriter {
  private fd: number | undefined;
  private written = 0;
  private tail: string[] = [];
  private tailSize = 0;
  private dropped = 0;

  constructor(
    private readonly store: BuildLogStore,
    readonly summary: BuildLogSummary,
    private readonly limits: BuildLogLimits,
  ) {
    this.fd = openSync(store.logPath(summary.logId), 'a', 0o600);
    store.writeMeta(summary);
  }

  write(lines: string[]): void {
    if (this.fd === undefined || lines.length === 0) return;
    const text = `${lines.join('\n')}\n`;
    const size = Buffer.byteLength(text);
    if (this.written + size <= this.limits.maxLogBytes - this.limits.tailBytes) {
      writeSync(this.fd, text);
      this.written += size;
      return;
    }
    // Over the cap: keep only a rolling tail in memory, written out at the end.
    this.tail.push(text);
    this.tailSize += size;
    while (this.tailSize > this.limits.tailBytes && this.tail.length > 1) {
      const first = this.tail.shift() as string;
      const n = Buffer.byteLength(first);
      this.tailSize -= n;
      this.dropped += n;
    }
  }

  finish(update: Partial<BuildLogSummary>): BuildLogSummary {
    if (this.fd !== undefined) {
      if (this.dropped > 0) writeSync(this.fd, `\n[CertDesk: ${this.dropped} bytes of this log were dropped to keep it under ${Math.round(this.limits.maxLogBytes / 1024 / 1024)} MiB; the start and the end are kept]\n\n`);
      for (const t of this.tail) writeSync(this.fd, t);
      closeSync(this.fd);
      this.fd = undefined;
    }
    Object.assign(this.summary, update, { bytes: statSync(this.store.logPath(this.summary.logId)).size });
    this.store.active.delete(this.summary.logId);
    this.store.writeMeta(this.summary);
    this.store.prune();
    return this.summary;
  }
}

export class BuildLogStore {
  /** Logs being written by this process: any other "running" log is from a run that died. */
  readonly active = new Set<string>();
  private lastStart = 0;

  constructor(
    private readonly dir: string,
    private readonly limits: BuildLogLimits = DEFAULT_LOG_LIMITS,
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  start(title: string, tags: string[], engineHost?: string): BuildLogWriter {
    this.prune();
    // Strictly increasing start times, so "newest first" is well defined even within one millisecond.
    const at = Math.max(Date.now(), this.lastStart + 1);
    this.lastStart = at;
    const logId = `${new Date(at).toISOString().replace(/[:.]/g, '-').toLowerCase()}-${randomUUID().slice(0, 8)}`;
    const summary: BuildLogSummary = { logId, startedAt: new Date(at).toISOString(), title, state: 'running', bytes: 0, tags, ...(engineHost ? { engineHost } : {}) };
    this.active.add(logId);
    return new BuildLogWriter(this, summary, this.limits);
  }

  logPath(logId: string): string {
    return join(this.dir, `${logId}.log`);
  }

  private metaPath(logId: string): string {
    return join(this.dir, `${logId}.json`);
  }

  writeMeta(summary: BuildLogSummary): void {
    writeFileSync(this.metaPath(summary.logId), JSON.stringify(summary), { mode: 0o600 });
  }

  list(): BuildLogSummary[] {
    const out: BuildLogSummary[] = [];
    for (const name of readdirSync(this.dir)) {
      if (!name.endsWith('.json')) continue;
      try {
        const s = JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as BuildLogSummary;
        if (!existsSync(this.logPath(s.logId))) continue;
        const interrupted = s.state === 'running' && !this.active.has(s.logId);
        out.push({ ...s, bytes: statSync(this.logPath(s.logId)).size, ...(interrupted ? { state: 'failed' as const, error: 'CertDesk stopped before this build finished.' } : {}) });
      } catch {
        // A half-written meta file of a crashed run: its log is still listed by the next finished build.
      }
    }
    return out.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  /**
   * Up to `maxBytes` of a log from `offset`. A chunk ends after its last whole line when it has one
   * (so a reader that splits chunks into lines never breaks a line in two), otherwise after a whole
   * UTF-8 character (up to 3 bytes past `maxBytes`, so a long line still makes progress).
   */
  read(logId: string, offset: number, maxBytes: number): BuildLogChunk {
    const path = this.logPath(logId);
    if (!/^[a-z0-9-]+$/.test(logId) || !existsSync(path)) throw new AppError(ErrorCode.NotFound, `No build log ${logId}.`, { hint: 'Pick a log from the list of past builds.' });
    const size = statSync(path).size;
    const start = Math.min(offset, size);
    const wanted = Math.min(maxBytes, size - start);
    const buf = Buffer.alloc(Math.min(wanted + UTF8_LOOKAHEAD, size - start));
    const fd = openSync(path, 'r');
    try {
      readSync(fd, buf, 0, buf.length, start);
    } finally {
      closeSync(fd);
    }
    const length = chunkEnd(buf, wanted, start + wanted >= size);
    const text = buf.toString('utf8', 0, length);
    const truncated = text.includes('[CertDesk: ') && text.includes('bytes of this log were dropped');
    return { logId, text, offset: start, nextOffset: start + length, size, truncated };
  }

  /** Oldest first out, until under both the count and the byte caps. */
  prune(): void {
    const logs = this.list();
    let total = logs.reduce((n, l) => n + l.bytes, 0);
    while (logs.length > 0 && (logs.length > this.limits.maxLogs || total > this.limits.maxTotalBytes)) {
      const oldest = logs.pop() as BuildLogSummary;
      if (oldest.state === 'running' && logs.length < this.limits.maxLogs) break;
      total -= oldest.bytes;
      rmSync(this.logPath(oldest.logId), { force: true });
      rmSync(this.metaPath(oldest.logId), { force: true });
    }
  }
}

/** The longest UTF-8 character is 4 bytes: reading 3 more always completes the one cut at the end. */
const UTF8_LOOKAHEAD = 3;

/** Where a chunk of `wanted` bytes should end: after the last newline, else after a whole character. */
function chunkEnd(buf: Buffer, wanted: number, atEnd: boolean): number {
  if (atEnd || wanted === 0) return wanted;
  const newline = buf.lastIndexOf(0x0a, wanted - 1);
  if (newline >= 0) return newline + 1;
  let end = wanted;
  while (end < buf.length && ((buf[end] ?? 0) & 0xc0) === 0x80) end++;
  return end;
}
