import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';

/** One entry of the index: what a secret is, never what it holds. */
export interface SecretIndexEntry {
  fingerprint: string;
  createdAt: string;
  updatedAt: string;
  project?: string;
  attributes?: Record<string, string | number>;
}

interface IndexFile {
  version: 1;
  entries: Record<string, SecretIndexEntry>;
}

export const SECRET_INDEX_FILE = 'secrets-index.json';

/**
 * Keychains can't be listed by prefix reliably (macOS and Windows search differently, Secret Service
 * collections may be locked), so the names CertDesk stored are kept here, in the data folder,
 * with fingerprints and dates. Written atomically; writes are serialised so none is lost.
 */
export class SecretIndex {
  private readonly path: string;
  private cache: IndexFile | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.path = join(dataDir, SECRET_INDEX_FILE);
  }

  async all(): Promise<Record<string, SecretIndexEntry>> {
    return { ...(await this.load()).entries };
  }

  async get(name: string): Promise<SecretIndexEntry | undefined> {
    return (await this.load()).entries[name];
  }

  put(name: string, entry: SecretIndexEntry): Promise<void> {
    return this.mutate((file) => {
      file.entries[name] = entry;
    });
  }

  remove(name: string): Promise<void> {
    return this.mutate((file) => {
      delete file.entries[name];
    });
  }

  private mutate(change: (file: IndexFile) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const file = await this.load();
      change(file);
      await writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async load(): Promise<IndexFile> {
    if (this.cache) return this.cache;
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      this.cache = { version: 1, entries: {} };
      return this.cache;
    }
    this.cache = parseIndex(text);
    return this.cache;
  }
}

/** A damaged index loses only names and dates (the keychain still holds the values): start empty. */
function parseIndex(text: string): IndexFile {
  try {
    const parsed = JSON.parse(text) as Partial<IndexFile>;
    if (parsed && parsed.version === 1 && parsed.entries && typeof parsed.entries === 'object') {
      return { version: 1, entries: parsed.entries };
    }
  } catch {
    // fall through
  }
  return { version: 1, entries: {} };
}
