import type { Readable } from 'node:stream';
import { extract as tarExtract, type Header } from 'tar-stream';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import { normalizeEntryPath, whiteoutTarget, type LayerChanges } from '@shared/scan/image-filesystem';
import type { FileFact, FileKind } from '@shared/scan/scan-model';
import type { DigestWorker } from './digest-worker';
import { maybeGunzip } from './stream-sniff';

/**
 * Reads one layer tar as a stream: metadata for every entry, contents only for the few small files
 * the checks need, sha256 of files that may matter for HasModifiedFiles. Nothing is written to disk;
 * unsafe names, device files and links are recorded as metadata, never materialised.
 */

export interface CaptureRules {
  /** Bytes to keep of this file's content, or undefined to keep none. */
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

const MAX_WARNINGS = 50;

function kindOf(type: Header['type']): FileKind | 'skip' {
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

export async function readLayer(
  source: NodeJS.ReadableStream | Readable,
  label: string,
  rules: CaptureRules,
  limits: LayerReadLimits,
  budget: LayerReadBudget,
  onBytes: (n: number) => void,
  digester: DigestWorker,
  signal?: AbortSignal,
): Promise<LayerSummary> {
  const summary: LayerSummary = {
    changes: { files: [], whiteouts: [], opaqueDirs: [] },
    contents: new Map(),
    digests: new Map(),
    bytes: 0,
    warnings: [],
  };
  const warn = (text: string) => {
    if (summary.warnings.length < MAX_WARNINGS) summary.warnings.push(`${label}: ${text}`);
  };
  const pendingDigests: Array<Promise<void>> = [];
  const { stream } = await maybeGunzip(source);
  const extract = tarExtract();
  stream.on('error', (err) => extract.destroy(err));
  stream.pipe(extract);
  try {
    for await (const raw of extract) {
      const entry = raw as unknown as Readable & AsyncIterable<Buffer> & { header: typeof raw.header };
      if (signal?.aborted) throw signal.reason ?? new Error('aborted');
      const header = entry.header;
      const path = normalizeEntryPath(header.name);
      const kind = kindOf(header.type);
      if (++budget.entries > limits.maxEntries) {
        throw new AppError(ErrorCode.ArchiveInvalid, `The image has more than ${limits.maxEntries} files; refusing to go on.`, {
          hint: 'This is far beyond any real container image; check the archive.',
        });
      }
      if (path === undefined || path === '') {
        if (path === undefined) warn(`skipped unsafe entry name ${JSON.stringify(header.name.slice(0, 200))}`);
        await drain(entry, summary, limits, budget, onBytes);
        continue;
      }
      if (kind === 'skip') {
        await drain(entry, summary, limits, budget, onBytes);
        continue;
      }
      const marker = whiteoutTarget(path);
      if (marker) {
        if (marker.kind === 'opaque') summary.changes.opaqueDirs.push(marker.dir);
        else summary.changes.whiteouts.push(marker.target);
        await drain(entry, summary, limits, budget, onBytes);
        continue;
      }
      const size = Math.max(0, header.size ?? 0);
      const fact: FileFact = {
        path,
        kind,
        size: kind === 'file' ? size : 0,
        mode: header.mode ?? 0,
        uid: header.uid ?? 0,
        gid: header.gid ?? 0,
        layer: 0,
      };
      if ((kind === 'symlink' || kind === 'hardlink') && header.linkname) fact.linkTarget = header.linkname.slice(0, 4096);
      summary.changes.files.push(fact);
      if (kind !== 'file') {
        await drain(entry, summary, limits, budget, onBytes);
        continue;
      }
      const keep = rules.keepContent(path, size) && budget.contentBytes + size <= limits.maxContentBytes;
      if (rules.keepContent(path, size) && !keep) warn(`${path} not kept: content budget exhausted`);
      const digestId = rules.wantDigest(path, size) ? digester.begin() : undefined;
      const chunks: Buffer[] = [];
      for await (const chunk of entry) {
        count(chunk.length, summary, limits, budget, onBytes);
        if (digestId !== undefined) await digester.write(digestId, chunk);
        if (keep) chunks.push(chunk);
      }
      if (keep) {
        const content = Buffer.concat(chunks);
        budget.contentBytes += content.length;
        summary.contents.set(path, new Uint8Array(content.buffer, content.byteOffset, content.length));
      }
      if (digestId !== undefined) {
        const { digest } = await digester.end(digestId);
        const stored = digest.then((hex) => void summary.digests.set(path, hex));
        // Settled below; a failure before then must not surface as an unhandled rejection.
        stored.catch(() => undefined);
        pendingDigests.push(stored);
      }
    }
    digester.flush();
    await Promise.all(pendingDigests);
  } catch (err) {
    stream.unpipe(extract);
    stream.destroy();
    if (err instanceof AppError || signal?.aborted) throw err;
    throw new AppError(ErrorCode.ArchiveInvalid, `Layer ${label} is not a readable tar: ${err instanceof Error ? err.message : String(err)}.`, {
      hint: 'The archive is truncated or corrupt; save the image again (docker save -o FILE IMAGE).',
      cause: err,
    });
  }
  return summary;
}

function count(n: number, summary: LayerSummary, limits: LayerReadLimits, budget: LayerReadBudget, onBytes: (n: number) => void): void {
  summary.bytes += n;
  budget.totalBytes += n;
  onBytes(n);
  if (budget.totalBytes > limits.maxTotalBytes) {
    throw new AppError(ErrorCode.ArchiveInvalid, `The image holds more than ${limits.maxTotalBytes} bytes of layer content; refusing to go on.`, {
      hint: 'The archive may be endless or hostile.',
    });
  }
}

async function drain(entry: AsyncIterable<Buffer>, summary: LayerSummary, limits: LayerReadLimits, budget: LayerReadBudget, onBytes: (n: number) => void): Promise<void> {
  for await (const chunk of entry) count(chunk.length, summary, limits, budget, onBytes);
}
