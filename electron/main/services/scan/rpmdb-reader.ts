/**
 * The one entry point for reading an image's RPM database (issue #4, item 3).
 *
 * Public API (stable; the scan engine depends on it):
 *
 *   readRpmDatabase(path, bytes, options?): Promise<RpmDatabase>
 *     path     where the file sits in the image, e.g. `var/lib/rpm/Packages` or `/usr/lib/sysimage/rpm/rpmdb.sqlite`
 *              (any of RPMDB_PATHS); used for messages and as a format hint.
 *     bytes    the whole file.
 *     options.sqliteWal  the bytes of `<path>-wal` when the image has a non-empty one (SQLite only).
 *     Resolves, never rejects, for any content: packages that parsed, `warnings` for headers that didn't, and
 *     `error` set (with `packages: []`) when the file isn't a readable rpm database at all. Format is picked
 *     by magic bytes (SQLite header, Berkeley DB hash magic, NDB "RpmP"), the path only breaks ties.
 *
 *   detectRpmDbFormat(path, bytes): RpmDbFormat | undefined
 *
 * Related pure pieces, importable from either side:
 *   @shared/rpm/rpm-version   compareEvr(a, b), rpmvercmp(a, b), parseEvr, formatEvr
 *   @shared/rpm/rpm-header    parseRpmHeader(blob) → { ok, value: RpmPackage, warnings } | { ok: false, error }
 *   @shared/rpm/rpm-package   RpmPackage, RpmFile, RpmDatabase, RPMDB_PATHS
 *
 * Notes for callers: `gpg-pubkey` pseudo-packages (imported signing keys) are returned like rpm -qa returns
 * them, with `arch: ''` and no files. `epoch` is absent when the header has none (rpm treats that as 0).
 */
import { isBerkeleyHashDb, readBdbPackages } from '@shared/rpm/rpmdb-bdb';
import { isNdbPackages, readNdbPackages } from '@shared/rpm/rpmdb-ndb';
import { rpmDatabaseFromBlobs } from '@shared/rpm/rpmdb-packages';
import type { RpmDatabase, RpmDbFormat } from '@shared/rpm/rpm-package';
import { isSqliteDatabase } from '@shared/rpm/sqlite-wal';
import { readSqliteRpmdb } from './rpmdb-sqlite';

export interface ReadRpmDatabaseOptions {
  /** Content of `rpmdb.sqlite-wal`, when present and non-empty. */
  sqliteWal?: Uint8Array;
}

export function detectRpmDbFormat(path: string, bytes: Uint8Array): RpmDbFormat | undefined {
  if (isSqliteDatabase(bytes)) return 'sqlite';
  if (isBerkeleyHashDb(bytes)) return 'bdb';
  if (isNdbPackages(bytes)) return 'ndb';
  // An empty or truncated file: say what it was supposed to be so the message can name it.
  if (/rpmdb\.sqlite$/.test(path)) return 'sqlite';
  if (/Packages\.db$/.test(path)) return 'ndb';
  if (/Packages$/.test(path)) return 'bdb';
  return undefined;
}

export async function readRpmDatabase(path: string, bytes: Uint8Array, options: ReadRpmDatabaseOptions = {}): Promise<RpmDatabase> {
  const format = detectRpmDbFormat(path, bytes);
  const failed = (f: RpmDbFormat, error: string): RpmDatabase => ({ format: f, path, packages: [], warnings: [], error: `${path}: ${error}` });
  if (format === undefined) return failed('sqlite', 'not an RPM database (neither SQLite, Berkeley DB hash nor NDB)');
  switch (format) {
    case 'sqlite': {
      try {
        const rows = await readSqliteRpmdb(bytes, options.sqliteWal);
        return rpmDatabaseFromBlobs('sqlite', path, rows.blobs, rows.warnings);
      } catch (err) {
        return failed('sqlite', err instanceof Error ? err.message : String(err));
      }
    }
    case 'bdb': {
      const r = readBdbPackages(bytes);
      return r.ok ? rpmDatabaseFromBlobs('bdb', path, r.blobs, r.warnings) : failed('bdb', r.error);
    }
    case 'ndb': {
      const r = readNdbPackages(bytes);
      return r.ok ? rpmDatabaseFromBlobs('ndb', path, r.blobs, r.warnings) : failed('ndb', r.error);
    }
  }
}
