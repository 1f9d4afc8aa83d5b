/**
 * Makes an rpmdb.sqlite readable by an in-memory SQLite (sql.js): rpm opens its database in WAL mode, so the
 * file's header says "WAL" (bytes 18/19 = 2) and recent transactions may still sit in rpmdb.sqlite-wal.
 * We fold the WAL's committed frames into a copy of the database and mark the copy as a rollback-journal
 * database, which is what SQLite itself does at checkpoint time. Pure and bounded: a hostile WAL is ignored
 * from the first frame that doesn't check out, as SQLite does.
 */

export interface WalApplied {
  bytes: Uint8Array;
  /** Committed frames copied into the database. */
  framesApplied: number;
  warnings: string[];
}

const WAL_HEADER = 32;
const FRAME_HEADER = 24;
const WAL_MAGIC_LE = 0x377f0682;
const WAL_MAGIC_BE = 0x377f0683;

export function isSqliteDatabase(bytes: Uint8Array): boolean {
  const magic = 'SQLite format 3\0';
  if (bytes.length < 100) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}

/** The database page size from its header (a stored 1 means 65536). */
function dbPageSize(db: Uint8Array): number {
  const v = (db[16]! << 8) | db[17]!;
  return v === 1 ? 65536 : v;
}

function validPageSize(n: number): boolean {
  return n >= 512 && n <= 65536 && (n & (n - 1)) === 0;
}

/** Copy of `db` with committed WAL frames applied (when `wal` is given) and the header switched out of WAL mode. */
export function prepareSqliteForMemory(db: Uint8Array, wal?: Uint8Array): WalApplied {
  const warnings: string[] = [];
  let bytes: Uint8Array = db.slice();
  let framesApplied = 0;
  if (wal && wal.length > 0) {
    const r = applyWal(bytes, wal, warnings);
    bytes = r.bytes;
    framesApplied = r.frames;
  }
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) {
    bytes[18] = 1;
    bytes[19] = 1;
  }
  return { bytes, framesApplied, warnings };
}

function applyWal(db: Uint8Array, wal: Uint8Array, warnings: string[]): { bytes: Uint8Array; frames: number } {
  if (wal.length < WAL_HEADER) {
    warnings.push('rpmdb.sqlite-wal shorter than its header; ignored');
    return { bytes: db, frames: 0 };
  }
  const view = new DataView(wal.buffer, wal.byteOffset, wal.byteLength);
  const magic = view.getUint32(0);
  if (magic !== WAL_MAGIC_LE && magic !== WAL_MAGIC_BE) {
    warnings.push('rpmdb.sqlite-wal has no WAL magic; ignored');
    return { bytes: db, frames: 0 };
  }
  const bigEndianSums = magic === WAL_MAGIC_BE;
  const pageSize = view.getUint32(8);
  if (!validPageSize(pageSize) || (db.length >= 100 && dbPageSize(db) !== pageSize)) {
    warnings.push(`rpmdb.sqlite-wal page size ${pageSize} doesn't match the database; ignored`);
    return { bytes: db, frames: 0 };
  }
  const salt1 = view.getUint32(16);
  const salt2 = view.getUint32(20);
  let sum = checksum(wal, 0, 24, bigEndianSums, [0, 0]);
  if (sum[0] !== view.getUint32(24) || sum[1] !== view.getUint32(28)) {
    warnings.push('rpmdb.sqlite-wal header checksum is wrong; ignored');
    return { bytes: db, frames: 0 };
  }
  // Collect frames, remembering the state at the last commit: only committed transactions count.
  const pending = new Map<number, number>(); // page number -> frame offset
  let committed = new Map<number, number>();
  let committedPages = 0;
  const frameSize = FRAME_HEADER + pageSize;
  for (let at = WAL_HEADER; at + frameSize <= wal.length; at += frameSize) {
    if (view.getUint32(at + 8) !== salt1 || view.getUint32(at + 12) !== salt2) break;
    sum = checksum(wal, at, 8, bigEndianSums, sum);
    sum = checksum(wal, at + FRAME_HEADER, pageSize, bigEndianSums, sum);
    if (sum[0] !== view.getUint32(at + 16) || sum[1] !== view.getUint32(at + 20)) break;
    const page = view.getUint32(at);
    if (page === 0) break;
    pending.set(page, at + FRAME_HEADER);
    const dbPages = view.getUint32(at + 4);
    if (dbPages !== 0) {
      committed = new Map(pending);
      committedPages = dbPages;
    }
  }
  if (committed.size === 0) return { bytes: db, frames: 0 };
  // Every page of the result comes from the database or a frame, so this bounds the allocation by the input.
  const size = committedPages * pageSize;
  if (size > db.length + wal.length) {
    warnings.push('rpmdb.sqlite-wal commit claims more pages than exist; ignored');
    return { bytes: db, frames: 0 };
  }
  const out = new Uint8Array(size);
  out.set(db.subarray(0, Math.min(db.length, size)));
  for (const [page, offset] of committed) {
    if (page > committedPages) continue;
    out.set(wal.subarray(offset, offset + pageSize), (page - 1) * pageSize);
  }
  return { bytes: out, frames: committed.size };
}

/** SQLite's WAL checksum: pairs of 32-bit words, s0 += x0 + s1, s1 += x1 + s0 (mod 2^32). */
function checksum(buf: Uint8Array, from: number, length: number, bigEndian: boolean, seed: [number, number]): [number, number] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let s0 = seed[0];
  let s1 = seed[1];
  for (let i = from; i < from + length; i += 8) {
    s0 = (s0 + view.getUint32(i, !bigEndian) + s1) >>> 0;
    s1 = (s1 + view.getUint32(i + 4, !bigEndian) + s0) >>> 0;
  }
  return [s0, s1];
}
