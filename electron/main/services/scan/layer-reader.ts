import { createGunzip, type Gunzip } from 'node:zlib';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import { normalizeEntryPath, whiteoutTarget, type LayerChanges } from '@shared/scan/image-filesystem';
import type { FileFact, FileKind } from '@shared/scan/scan-model';
import { TarPushParser, type TarContentSink, type TarHeader } from '@shared/tar/tar-push-parser';
import type { Backpressure } from './backpressure';
import type { DigestWorker } from './digest-worker';

/**
 * Reads one layer tar as it streams past: metadata for every entry, contents only for the few small
 * files the checks need, sha256 (on the digest worker) of files that may matter for HasModifiedFiles.
 * Nothing is written to disk; unsafe names, device files and links are recorded as metadata, never
 * materialised. Bytes are pushed in synchronously; a gzip layer goes through zlib first.
 */

export interface CaptureRules {
  /** Whether to keep this file's content. */
  keepContent(path: string, size: number): boolean;
  /** Whether to hash this regular file. */
  wantDigest(path: string, size: number): boolean;
}

export interface LayerSummary {
  changes: LayerChanges;
  contents: Map<string, Uint8Array>;
  digests: Map<string, string>;
  /** Uncompressed tar bytes read. */
  bytes: number;
  warnings: string[];
}

export interface LayerReadLimits {
  /** Entries across the whole scan: metadata for more is hostile and would exhaust memory. */
  maxEntries: number;
  /** Bytes kept as file contents across the whole scan. */
  maxContentBytes: number;
  /** Uncompressed bytes across the whole scan (an endless layer stops here). */
  maxTotalBytes: number;
}

export interface LayerReadBudget {
  entries: number;
  contentBytes: number;
  totalBytes: number;
}

export interface LayerContext {
  rules: CaptureRules;
  limits: LayerReadLimits;
  budget: LayerReadBudget;
  digester: DigestWorker;
  backpressure: Backpressure;
  onBytes(n: number): void;
}

const MAX_WARNINGS = 50;

function kindOf(type: TarHeader['type']): FileKind | 'skip' {
  switch (type) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'directory':
      return 'dir';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    case 'character-device':
    case 'block-device':
    case 'fifo':
      return 'other';
    default:
      return 'skip';
  }
}

/** A layer being read: push its (possibly gzip) bytes, then `end()` gives the summary. */
export class LayerReader implements TarContentSink {
  private readonly summary: LayerSummary = {
    changes: { files: [], whiteouts: [], opaqueDirs: [] },
    contents: new Map(),
    digests: new Map(),
    bytes: 0,
    warnings: [],
  };
  private readonly parser = new TarPushParser((header) => this.entry(header));
  private readonly digests: Array<Promise<void>> = [];
  private readonly gunzip: Gunzip | undefined;
  private readonly gunzipDone: Promise<void> | undefined;
  private failure: unknown;

  constructor(
    private readonly label: string,
    gzip: boolean,
    private readonly context: LayerContext,
  ) {
    if (gzip) {
      const gunzip = createGunzip();
      this.gunzip = gunzip;
      gunzip.on('data', (out: Buffer) => {
        try {
          if (this.failure === undefined) this.tar(out);
        } catch (err) {
          this.failure = err;
          gunzip.destroy();
        }
      });
      gunzip.on('error', (err) => (this.failure ??= err));
      this.gunzipDone = new Promise<void>((resolve, reject) => {
        gunzip.on('end', resolve);
        gunzip.on('error', reject);
        gunzip.on('close', () => (this.failure !== undefined ? reject(this.failure) : resolve()));
      });
      this.gunzipDone.catch(() => undefined);
    }
  }

  data(bytes: Uint8Array): void {
    if (this.failure !== undefined) throw this.failure;
    if (!this.gunzip) {
      this.tar(bytes);
      return;
    }
    if (this.gunzip.destroyed) return;
    // zlib reads the input later: it gets its own copy, and the reader waits while zlib is behind.
    if (!this.gunzip.write(Buffer.from(bytes))) {
      const gunzip = this.gunzip;
      this.context.backpressure.hold(new Promise<void>((resolve) => gunzip.once('drain', resolve).once('close', resolve)));
    }
  }

  end(): void {
    if (this.gunzip && !this.gunzip.destroyed) this.gunzip.end();
  }

  /** The summary, once the layer's bytes (and zlib, and the digests) are all through. */
  async result(): Promise<LayerSummary> {
    try {
      if (this.gunzipDone) await this.gunzipDone;
      if (this.failure !== undefined) throw this.failure;
      this.parser.end();
      this.context.digester.flush();
      await Promise.all(this.digests);
    } catch (err) {
      throw this.describe(err);
    }
    return this.summary;
  }

  private tar(bytes: Uint8Array): void {
    this.summary.bytes += bytes.length;
    this.context.budget.totalBytes += bytes.length;
    this.context.onBytes(bytes.length);
    if (this.context.budget.totalBytes > this.context.limits.maxTotalBytes) {
      throw new AppError(ErrorCode.ArchiveInvalid, `The image holds more than ${this.context.limits.maxTotalBytes} bytes of layer content; refusing to go on.`, {
        hint: 'The archive may be endless or hostile.',
      });
    }
    try {
      this.parser.push(bytes);
    } catch (err) {
      throw this.describe(err);
    }
  }

  private describe(err: unknown): unknown {
    if (err instanceof AppError) return err;
    return new AppError(ErrorCode.ArchiveInvalid, `Layer ${this.label} is not a readable tar: ${err instanceof Error ? err.message : String(err)}.`, {
      hint: 'The archive is truncated or corrupt; save the image again (docker save -o FILE IMAGE).',
      cause: err,
    });
  }

  private warn(text: string): void {
    if (this.summary.warnings.length < MAX_WARNINGS) this.summary.warnings.push(`${this.label}: ${text}`);
  }

  private entry(header: TarHeader): TarContentSink | undefined {
    const { limits, budget, rules } = this.context;
    if (++budget.entries > limits.maxEntries) {
      throw new AppError(ErrorCode.ArchiveInvalid, `The image has more than ${limits.maxEntries} files; refusing to go on.`, {
        hint: 'This is far beyond any real container image; check the archive.',
      });
    }
    const path = normalizeEntryPath(header.name);
    if (path === undefined) {
      this.warn(`skipped unsafe entry name ${JSON.stringify(header.name.slice(0, 200))}`);
      return undefined;
    }
    const kind = kindOf(header.type);
    if (path === '' || kind === 'skip') return undefined;
    const marker = whiteoutTarget(path);
    if (marker) {
      if (marker.kind === 'opaque') this.summary.changes.opaqueDirs.push(marker.dir);
      else this.summary.changes.whiteouts.push(marker.target);
      return undefined;
    }
    const size = header.size;
    const fact: FileFact = { path, kind, size: kind === 'file' ? size : 0, mode: header.mode, uid: header.uid, gid: header.gid, layer: 0 };
    if ((kind === 'symlink' || kind === 'hardlink') && header.linkname) fact.linkTarget = header.linkname.slice(0, 4096);
    this.summary.changes.files.push(fact);
    if (kind !== 'file') return undefined;

    const wantsContent = rules.keepContent(path, size);
    const keep = wantsContent && budget.contentBytes + size <= limits.maxContentBytes;
    if (wantsContent && !keep) this.warn(`${path} not kept: content budget exhausted`);
    const digestId = rules.wantDigest(path, size) ? this.context.digester.begin() : undefined;
    if (!keep && digestId === undefined) return undefined;
    return this.fileSink(path, keep, digestId);
  }

  private fileSink(path: string, keep: boolean, digestId: number | undefined): TarContentSink {
    const { digester, backpressure, budget } = this.context;
    const chunks: Uint8Array[] = [];
    return {
      data: (bytes) => {
        if (keep) chunks.push(new Uint8Array(bytes));
        if (digestId !== undefined) {
          digester.write(digestId, bytes);
          if (digester.backlogged) backpressure.hold(digester.room());
        }
      },
      end: () => {
        if (keep) {
          const content = Buffer.concat(chunks);
          budget.contentBytes += content.length;
          this.summary.contents.set(path, new Uint8Array(content.buffer, content.byteOffset, content.length));
        }
        if (digestId !== undefined) {
          const stored = digester.end(digestId).then((hex) => void this.summary.digests.set(path, hex));
          // Settled in result(); a failure before then must not surface as an unhandled rejection.
          stored.catch(() => undefined);
          this.digests.push(stored);
        }
      },
    };
  }
}
