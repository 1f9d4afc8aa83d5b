import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ImageHistoryEntry, ImageSettings } from '@shared/contract/images';

/**
 * Small non-secret JSON files of the images capability: the chosen engine host, per-registry CA
 * files, the last registry target, and the history of built/pushed/pulled digests. The project
 * settings store has no place for these, so they live beside it in the data folder.
 */
export class ImageSettingsFile {
  private readonly settingsPath: string;
  private readonly historyPath: string;
  private cached: ImageSettings | undefined;

  constructor(dataDir: string) {
    this.settingsPath = join(dataDir, 'images-settings.json');
    this.historyPath = join(dataDir, 'image-history.json');
  }

  read(): ImageSettings {
    this.cached ??= readJson<ImageSettings>(this.settingsPath, { registries: {} });
    return this.cached;
  }

  update(change: (s: ImageSettings) => ImageSettings): ImageSettings {
    const next = change(structuredClone(this.read()));
    writeJsonAtomic(this.settingsPath, next);
    this.cached = next;
    return next;
  }

  history(): ImageHistoryEntry[] {
    return readJson<ImageHistoryEntry[]>(this.historyPath, []);
  }

  /** Newest first, at most 500 entries: a record, not a log. */
  addHistory(entry: ImageHistoryEntry): void {
    writeJsonAtomic(this.historyPath, [entry, ...this.history()].slice(0, 500));
  }
}

function readJson<T>(path: string, fallback: T): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return fallback;
  }
}

function writeJsonAtomic(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}
