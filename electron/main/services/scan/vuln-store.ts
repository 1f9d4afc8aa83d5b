import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { extract as tarExtract } from 'tar-stream';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { VulnDataStatus } from '@shared/contract/scan';
import { isCsafDocument, parseCsaf } from '@shared/vulns/csaf-parse';
import { addOvalDefinition, OvalDefinitionSplitter } from '@shared/vulns/oval-parse';
import { emptyIndex, mergeIndex, type VulnIndex } from '@shared/vulns/vuln-index';
import { maybeGunzip } from './stream-sniff';

/**
 * Imports Red Hat security data the user downloaded (CSAF/VEX JSON, OVAL v2 XML; a folder or a
 * tar/tar.gz) into one compact index in the data folder. Bad files are counted and skipped.
 */

const MAX_JSON_FILE = 64 * 1024 * 1024;
const MAX_FILES = 500_000;
const MAX_DEPTH = 12;

export interface ImportProgress {
  files: number;
  skipped: number;
  current?: string;
}

export class VulnStore {
  private cached: VulnIndex | undefined | null = null;

  constructor(private readonly dir: string, private readonly now: () => Date = () => new Date()) {}

  private get indexPath(): string {
    return join(this.dir, 'index.json');
  }

  async load(): Promise<VulnIndex | undefined> {
    if (this.cached !== null) return this.cached;
    try {
      const parsed = JSON.parse(await readFile(this.indexPath, 'utf8')) as VulnIndex;
      this.cached = parsed && parsed.version === 1 && typeof parsed.packages === 'object' ? parsed : undefined;
    } catch {
      this.cached = undefined;
    }
    return this.cached;
  }

  async status(): Promise<VulnDataStatus> {
    return describeIndex(await this.load(), this.now());
  }

  /** Reads `path` and replaces the stored index with what it holds. */
  async importAndStore(path: string, onProgress: (p: ImportProgress) => void, signal?: AbortSignal): Promise<VulnDataStatus> {
    const index = await readSecurityData(path, onProgress, this.now(), signal);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const tmp = `${this.indexPath}.tmp-${process.pid}`;
    try {
      await writeFile(tmp, JSON.stringify(index), { mode: 0o600 });
      await rename(tmp, this.indexPath);
    } catch (err) {
      throw new AppError(ErrorCode.FileWriteFailed, `Could not store the security data index in ${this.dir}.`, { cause: err });
    }
    this.cached = index;
    return describeIndex(index, this.now());
  }
}

export function describeIndex(index: VulnIndex | undefined, now: Date): VulnDataStatus {
  if (!index) return { imported: false, sources: [], packages: 0, records: 0 };
  const records = Object.values(index.packages).reduce((n, list) => n + list.length, 0);
  const age = index.newestDocument ? Math.floor((now.getTime() - Date.parse(index.newestDocument)) / 86_400_000) : undefined;
  return {
    imported: true,
    importedAt: index.importedAt,
    ...(index.newestDocument ? { newestDocument: index.newestDocument } : {}),
    ...(age !== undefined ? { ageDays: age } : {}),
    sources: index.sources.slice(0, 50),
    packages: Object.keys(index.packages).length,
    records,
  };
}

export async function readSecurityData(path: string, onProgress: (p: ImportProgress) => void, now: Date, signal?: AbortSignal): Promise<VulnIndex> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw new AppError(ErrorCode.FileUnreadable, `Cannot read ${path}.`, { hint: 'Give a folder or a .tar/.tar.gz holding CSAF/VEX JSON or OVAL XML files.', cause: err });
  }
  const index = emptyIndex(now);
  const progress: ImportProgress = { files: 0, skipped: 0 };
  const consider = async (name: string, size: number, open: () => Readable | NodeJS.ReadableStream) => {
    if (signal?.aborted) throw signal.reason;
    progress.current = name;
    const ext = extname(name).toLowerCase();
    if (ext === '.json' && size <= MAX_JSON_FILE) {
      const text = await readText(open());
      try {
        const doc: unknown = JSON.parse(text);
        if (isCsafDocument(doc)) {
          mergeIndex(index, parseCsaf(doc, basename(name), now));
          progress.files += 1;
        } else progress.skipped += 1;
      } catch {
        progress.skipped += 1;
      }
    } else if (ext === '.xml') {
      const splitter = new OvalDefinitionSplitter();
      const decoder = new StringDecoder('utf8');
      let definitions = 0;
      for await (const chunk of open() as AsyncIterable<Buffer>) {
        splitter.push(decoder.write(chunk), (xml) => {
          if (addOvalDefinition(index, xml)) definitions += 1;
        });
      }
      splitter.push(decoder.end(), (xml) => {
        if (addOvalDefinition(index, xml)) definitions += 1;
      });
      if (definitions > 0) {
        index.sources.push({ file: basename(name), kind: 'oval', documents: definitions });
        progress.files += 1;
      } else progress.skipped += 1;
    } else {
      progress.skipped += 1;
      const stream = open();
      if ('destroy' in stream && typeof stream.destroy === 'function') stream.destroy();
    }
    onProgress({ ...progress });
  };

  if (info.isDirectory()) {
    await walk(path, 0, async (file, size) => consider(file, size, () => createReadStream(file)), signal);
  } else if (/\.(tar|tar\.gz|tgz)$/i.test(path)) {
    const { stream } = await maybeGunzip(createReadStream(path));
    const extract = tarExtract();
    stream.on('error', (err) => extract.destroy(err));
    stream.pipe(extract);
    let count = 0;
    try {
      for await (const raw of extract) {
      const entry = raw as unknown as Readable & AsyncIterable<Buffer> & { header: typeof raw.header };
        if (++count > MAX_FILES) break;
        if (entry.header.type !== 'file') {
          for await (const _ of entry) void _;
          continue;
        }
        await consider(entry.header.name, entry.header.size ?? 0, () => entry);
        for await (const _ of entry) void _;
      }
    } catch (err) {
      if (err instanceof AppError || signal?.aborted) throw err;
      throw new AppError(ErrorCode.ArchiveInvalid, `${path} is not a readable tar archive: ${err instanceof Error ? err.message : String(err)}.`, { cause: err });
    } finally {
      stream.destroy();
    }
  } else if (/\.bz2$/i.test(path)) {
    throw new AppError(ErrorCode.FileUnreadable, `${basename(path)} is bzip2-compressed.`, { hint: `Decompress it first (bunzip2 ${basename(path)}) and import the .xml.` });
  } else {
    await consider(path, info.size, () => createReadStream(path));
  }
  if (progress.files === 0) {
    throw new AppError(ErrorCode.FileUnreadable, `No CSAF/VEX JSON or OVAL XML found in ${path} (${progress.skipped} other file(s) skipped).`, {
      hint: 'Download Red Hat CSAF/VEX files from security.access.redhat.com/data/csaf/v2/ (or an OVAL v2 stream, decompressed) and import that folder.',
    });
  }
  return index;
}

async function walk(dir: string, depth: number, onFile: (path: string, size: number) => Promise<void>, signal?: AbortSignal): Promise<void> {
  if (depth > MAX_DEPTH) return;
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (signal?.aborted) throw signal.reason;
    const full = join(dir, e.name);
    // Symlinks are not followed: an import reads only what the folder itself holds.
    if (e.isDirectory()) await walk(full, depth + 1, onFile, signal);
    else if (e.isFile()) await onFile(full, (await stat(full)).size);
  }
}

async function readText(stream: Readable | NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_JSON_FILE) break;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
