import type { Readable } from 'node:stream';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import { normalizeEntryPath, parentOf } from '@shared/scan/image-filesystem';
import type { ImageConfigFacts } from '@shared/scan/scan-model';
import { TarPushParser, type TarContentSink } from '@shared/tar/tar-push-parser';
import { Backpressure } from './backpressure';
import { DigestWorker } from './digest-worker';
import { LayerReader, type CaptureRules, type LayerContext, type LayerReadBudget, type LayerReadLimits, type LayerSummary } from './layer-reader';
import { isGzip, isTar, looksLikeJson, maybeGunzip } from './stream-sniff';

/**
 * Reads a `docker save` stream or an image archive (docker-archive with manifest.json and
 * `<id>/layer.tar`, or an OCI layout with index.json and blobs/, layers possibly gzip) in one pass.
 * Entries arrive in any order, so each layer is summarised on its own and ordered at the end.
 */

export interface ImageArchive {
  format: 'docker-archive' | 'oci-layout';
  repoTags: string[];
  config: ImageConfigFacts;
  configDigest?: string;
  /** Layers bottom to top. */
  layers: LayerSummary[];
  layerNames: string[];
  bytesRead: number;
  warnings: string[];
}

export interface ArchiveProgress {
  layersRead: number;
  bytesRead: number;
  current?: string;
}

/** A source that pushes an (uncompressed) archive's bytes itself, waiting on `backpressure` between reads. */
export type ArchiveFeed = (push: (chunk: Uint8Array) => void, backpressure: Backpressure, signal?: AbortSignal) => Promise<void>;

const MAX_JSON = 16 * 1024 * 1024;
const MAX_WARNINGS = 100;

type Json = Record<string, unknown>;

export async function readImageArchive(
  source: NodeJS.ReadableStream | Readable | ArchiveFeed,
  rules: CaptureRules,
  limits: LayerReadLimits,
  options: { signal?: AbortSignal; onProgress?: (p: ArchiveProgress) => void; wantedRef?: string } = {},
): Promise<ImageArchive> {
  const jsons = new Map<string, unknown>();
  const layers = new Map<string, Promise<LayerSummary>>();
  const aliases = new Map<string, string>();
  const warnings: string[] = [];
  const budget: LayerReadBudget = { entries: 0, contentBytes: 0, totalBytes: 0 };
  let bytesRead = 0;
  let layersRead = 0;
  let lastReport = 0;
  let current: string | undefined;
  const report = (force = false) => {
    const now = Date.now();
    if (!force && now - lastReport < 100) return;
    lastReport = now;
    options.onProgress?.({ layersRead, bytesRead, ...(current ? { current } : {}) });
  };
  const warn = (text: string) => {
    if (warnings.length < MAX_WARNINGS) warnings.push(text);
  };

  const digester = new DigestWorker();
  const backpressure = new Backpressure();
  const context: LayerContext = {
    rules,
    limits,
    budget,
    digester,
    backpressure,
    onBytes: (n) => {
      bytesRead += n;
      report();
    },
  };

  const layerSink = (path: string, gzip: boolean): TarContentSink => {
    const reader = new LayerReader(path, gzip, context);
    current = path;
    return {
      data: (bytes) => reader.data(bytes),
      end: () => {
        reader.end();
        const summary = reader.result().then((s) => {
          layersRead += 1;
          report(true);
          return s;
        });
        // Awaited after the archive's last byte; a failure before then must not surface as unhandled.
        summary.catch(() => undefined);
        layers.set(path, summary);
      },
    };
  };

  const jsonSink = (path: string): TarContentSink => {
    const chunks: Uint8Array[] = [];
    return {
      data: (bytes) => void chunks.push(new Uint8Array(bytes)),
      end: () => {
        try {
          jsons.set(path, JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          warn(`${path} is not valid JSON`);
        }
      },
    };
  };

  /** Layers and JSON documents are told apart by their first bytes, then handed on whole. */
  const sniffingSink = (path: string, size: number, isLayerName: boolean): TarContentSink => {
    const head: Uint8Array[] = [];
    let headLength = 0;
    let target: TarContentSink | undefined | null = null;
    const decide = () => {
      const bytes = Buffer.concat(head);
      if (!isLayerName && size <= MAX_JSON && looksLikeJson(bytes)) target = jsonSink(path);
      else if (isLayerName || isGzip(bytes) || isTar(bytes) || (size >= 1024 && bytes.every((b) => b === 0))) target = layerSink(path, isGzip(bytes));
      else target = undefined;
      if (target && bytes.length > 0) target.data(bytes);
    };
    return {
      data: (bytes) => {
        if (target !== null) return target?.data(bytes);
        head.push(new Uint8Array(bytes));
        headLength += bytes.length;
        if (headLength >= 512) decide();
      },
      end: () => {
        if (target === null) decide();
        target?.end();
      },
    };
  };

  const outer = new TarPushParser((header): TarContentSink | undefined => {
    const path = normalizeEntryPath(header.name);
    if (path === undefined) {
      warn(`skipped unsafe archive entry ${JSON.stringify(header.name.slice(0, 200))}`);
      return undefined;
    }
    if (header.type === 'symlink' || header.type === 'link') {
      // docker save links a repeated layer to the first copy: `<id>/layer.tar -> ../<other>/layer.tar`.
      const target = header.linkname ? normalizeEntryPath(header.type === 'symlink' ? joinRelative(parentOf(path), header.linkname) : header.linkname) : undefined;
      if (target !== undefined) aliases.set(path, target);
      return undefined;
    }
    if (header.type !== 'file' && header.type !== 'contiguous-file') return undefined;
    const isLayerName = path.endsWith('/layer.tar') || path.endsWith('.tar') || path.endsWith('.tar.gz');
    const isJsonName = path === 'manifest.json' || path === 'index.json' || (path.endsWith('.json') && !path.includes('/'));
    if (!isJsonName && !path.startsWith('blobs/') && !isLayerName) return undefined;
    return sniffingSink(path, header.size, isLayerName);
  });

  const stream = typeof source === 'function' ? undefined : (await maybeGunzip(source)).stream;
  const byPath = new Map<string, LayerSummary>();
  try {
    const push = (chunk: Uint8Array) => outer.push(chunk);
    if (stream) await feedStream(stream, push, backpressure, options.signal);
    else await (source as ArchiveFeed)(push, backpressure, options.signal);
    try {
      outer.end();
    } catch (err) {
      throw new AppError(ErrorCode.ArchiveInvalid, `The image archive is cut short: ${err instanceof Error ? err.message : String(err)}.`, {
        hint: 'Save the image again (`docker save -o FILE IMAGE`); the copy may have been interrupted.',
        cause: err,
      });
    }
    for (const [path, summary] of layers) byPath.set(path, await summary);
  } catch (err) {
    stream?.destroy();
    if (options.signal?.aborted) throw options.signal.reason ?? err;
    if (err instanceof AppError) throw err;
    throw new AppError(ErrorCode.ArchiveInvalid, `The image archive could not be read: ${err instanceof Error ? err.message : String(err)}.`, {
      hint: 'Give a docker-archive (`docker save -o FILE IMAGE`) or an OCI layout tar; the file may be truncated.',
      cause: err,
    });
  } finally {
    await digester.close();
  }

  const resolved = resolveManifest(jsons, options.wantedRef);
  const layerList: LayerSummary[] = [];
  for (const name of resolved.layers) {
    const key = aliases.get(name) ?? name;
    const layer = byPath.get(key) ?? byPath.get(aliases.get(key) ?? '');
    if (!layer) {
      throw new AppError(ErrorCode.ArchiveInvalid, `The manifest lists layer ${name}, but the archive does not hold it.`, {
        hint: 'The archive is incomplete; save the image again.',
      });
    }
    layerList.push(layer);
  }
  for (const l of layerList) warnings.push(...l.warnings);
  current = undefined;
  report(true);
  return {
    format: resolved.format,
    repoTags: resolved.repoTags,
    config: configFacts(resolved.config),
    ...(resolved.configDigest ? { configDigest: resolved.configDigest } : {}),
    layers: layerList,
    layerNames: resolved.layers,
    bytesRead,
    warnings: warnings.slice(0, MAX_WARNINGS),
  };
}

/**
 * Pushes a stream's chunks into a synchronous consumer as they arrive ('data' events: no per-chunk
 * promise, no concatenation), pausing while a consumer holds back.
 */
function feedStream(stream: Readable, push: (chunk: Uint8Array) => void, backpressure: Backpressure, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      stream.removeListener('data', onData);
      signal?.removeEventListener('abort', onAbort);
      if (err === undefined) resolve();
      else {
        stream.destroy();
        reject(err);
      }
    };
    const onAbort = () => finish(signal?.reason ?? new Error('aborted'));
    const onData = (chunk: unknown) => {
      if (settled) return;
      if (!(chunk instanceof Uint8Array)) return finish(new Error('the stream gave something other than bytes'));
      try {
        push(chunk);
      } catch (err) {
        return finish(err);
      }
      if (backpressure.pending) {
        stream.pause();
        backpressure.settle().then(() => {
          if (!settled) stream.resume();
        }, finish);
      }
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    stream.on('data', onData);
    stream.once('end', () => finish());
    stream.once('error', (err) => finish(err));
    stream.once('close', () => finish(stream.readableEnded ? undefined : new Error('the stream closed before its end')));
  });
}

function joinRelative(dir: string, target: string): string {
  return target.startsWith('/') ? target : dir ? `${dir}/${target}` : target;
}

function asObj(v: unknown): Json | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}
function asStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function blobPath(digest: unknown): string | undefined {
  if (typeof digest !== 'string') return undefined;
  const m = /^([a-z0-9]+):([a-f0-9]{32,128})$/.exec(digest);
  return m ? `blobs/${m[1]}/${m[2]}` : undefined;
}

function resolveManifest(jsons: Map<string, unknown>, wantedRef?: string): {
  format: 'docker-archive' | 'oci-layout';
  repoTags: string[];
  config: Json;
  configDigest?: string;
  layers: string[];
} {
  const manifest = jsons.get('manifest.json');
  if (Array.isArray(manifest) && manifest.length > 0) {
    const entries = manifest.map(asObj).filter((e): e is Json => !!e);
    const chosen = (wantedRef ? entries.find((e) => asStrings(e.RepoTags).includes(wantedRef)) : undefined) ?? entries[0];
    if (chosen) {
      const configName = typeof chosen.Config === 'string' ? normalizeEntryPath(chosen.Config) : undefined;
      const config = configName !== undefined ? asObj(jsons.get(configName)) : undefined;
      if (!config) throw invalid(`the image config ${String(chosen.Config)} named by manifest.json is missing`);
      const layers = asStrings(chosen.Layers).map((l) => normalizeEntryPath(l) ?? l);
      const digest = configName?.startsWith('blobs/') ? configName.replace(/^blobs\/([a-z0-9]+)\//, '$1:') : configName?.replace(/\.json$/, '');
      return {
        format: jsons.has('index.json') ? 'oci-layout' : 'docker-archive',
        repoTags: asStrings(chosen.RepoTags),
        config,
        ...(digest ? { configDigest: digest.includes(':') ? digest : `sha256:${digest}` } : {}),
        layers,
      };
    }
  }
  const index = asObj(jsons.get('index.json'));
  if (index) {
    const repoTags: string[] = [];
    let manifestJson: Json | undefined;
    let descriptors = Array.isArray(index.manifests) ? index.manifests.map(asObj).filter((d): d is Json => !!d) : [];
    for (let depth = 0; depth < 4 && !manifestJson; depth++) {
      for (const d of descriptors) {
        const ann = asObj(d.annotations);
        const name = ann?.['io.containerd.image.name'] ?? ann?.['org.opencontainers.image.ref.name'];
        if (typeof name === 'string' && !repoTags.includes(name)) repoTags.push(name);
      }
      const platformOk = (d: Json) => {
        const p = asObj(d.platform);
        return !p || p.os === undefined || p.os === 'linux';
      };
      const pick = descriptors.find((d) => platformOk(d) && asObj(jsons.get(blobPath(d.digest) ?? ''))) ?? descriptors[0];
      const json = pick ? asObj(jsons.get(blobPath(pick.digest) ?? '')) : undefined;
      if (!json) break;
      if (Array.isArray(json.manifests)) {
        descriptors = json.manifests.map(asObj).filter((d): d is Json => !!d);
        continue;
      }
      manifestJson = json;
    }
    if (!manifestJson) throw invalid('index.json names no image manifest the archive holds');
    const configDigest = asObj(manifestJson.config)?.digest;
    const config = asObj(jsons.get(blobPath(configDigest) ?? ''));
    if (!config) throw invalid('the image config named by the OCI manifest is missing');
    const layers = (Array.isArray(manifestJson.layers) ? manifestJson.layers : []).map((l) => blobPath(asObj(l)?.digest) ?? 'missing');
    return {
      format: 'oci-layout',
      // `org.opencontainers.image.ref.name` may hold just the tag.
      repoTags: repoTags.map((t) => (t.includes(':') || t.includes('/') ? t : `image:${t}`)),
      config,
      ...(typeof configDigest === 'string' ? { configDigest } : {}),
      layers,
    };
  }
  throw invalid('it holds neither manifest.json (docker-archive) nor index.json (OCI layout)');
}

function invalid(why: string): AppError {
  return new AppError(ErrorCode.ArchiveInvalid, `Not an image archive: ${why}.`, {
    hint: 'Give a file made by `docker save -o FILE IMAGE` or `skopeo copy ... oci-archive:FILE`.',
  });
}

function configFacts(config: Json): ImageConfigFacts {
  const c = asObj(config.config) ?? asObj(config.Config) ?? {};
  const labelsRaw = asObj(c.Labels) ?? {};
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(labelsRaw)) if (typeof v === 'string') labels[k] = v;
  return {
    labels,
    user: typeof c.User === 'string' ? c.User : '',
    entrypoint: asStrings(c.Entrypoint),
    cmd: asStrings(c.Cmd),
    env: asStrings(c.Env),
    ...(typeof config.created === 'string' ? { created: config.created } : {}),
    ...(typeof config.architecture === 'string' ? { architecture: config.architecture } : {}),
  };
}


