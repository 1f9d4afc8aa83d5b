/**
 * Reader for RHEL 7/8's /var/lib/rpm/Packages: a Berkeley DB hash database whose values are header blobs keyed
 * by a 4-byte package number. We don't walk hash buckets: every P_HASH page is visited once and its key/data
 * pairs read, following overflow chains for headers bigger than a page (most are). That is what rpm's own
 * read-only backend (lib/backend/bdb_ro.c) does too, and it needs no hash function.
 *
 * Layouts from Berkeley DB's dbinc/db_page.h (stable since 4.x). Either byte order is accepted: the metadata
 * magic tells which one wrote the file. Untrusted input: all page numbers, offsets and lengths are checked,
 * overflow chains are bounded, and the result is at most as big as the file.
 */
import type { HeaderBlob } from './rpmdb-packages';

const HASH_MAGIC = 0x061561;
const P_HASH_UNSORTED = 2;
const P_OVERFLOW = 7;
const P_HASHMETA = 8;
const P_HASH = 13;
const H_KEYDATA = 1;
const H_DUPLICATE = 2;
const H_OFFPAGE = 3;
const H_OFFDUP = 4;
/** struct PAGE is 26 bytes; with checksums the index starts after 2 pad + 4 checksum bytes (PG_CHKSUM). */
const SIZEOF_PAGE = 26;
const SIZEOF_PG_CHKSUM = 6;
const DBMETA_CHKSUM = 0x01;
/** HOFFPAGE: type(1) unused(3) pgno(4) tlen(4). */
const HOFFPAGE_SIZE = 12;

export type BdbResult = { ok: true; blobs: HeaderBlob[]; warnings: string[] } | { ok: false; error: string };

export function isBerkeleyHashDb(bytes: Uint8Array): boolean {
  if (bytes.length < 72) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint32(12, true) === HASH_MAGIC || view.getUint32(12, false) === HASH_MAGIC;
}

export function readBdbPackages(bytes: Uint8Array): BdbResult {
  try {
    return read(bytes);
  } catch (err) {
    // Bounds are checked before every read; this only guards against a mistake of ours crashing a scan.
    return { ok: false, error: `unreadable Berkeley DB file: ${err instanceof Error ? err.message : String(err)}` };
  }
}

function read(bytes: Uint8Array): BdbResult {
  if (bytes.length < 512) return { ok: false, error: `${bytes.length} bytes is too small for a Berkeley DB file` };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let le: boolean;
  if (view.getUint32(12, true) === HASH_MAGIC) le = true;
  else if (view.getUint32(12, false) === HASH_MAGIC) le = false;
  else return { ok: false, error: 'no Berkeley DB hash magic: not a hash database (btree and queue are not rpm databases)' };
  const u32 = (at: number): number => view.getUint32(at, le);
  const u16 = (at: number): number => view.getUint16(at, le);

  const version = u32(16);
  const pageSize = u32(20);
  const encrypted = bytes[24]!;
  const metaType = bytes[25]!;
  const metaFlags = bytes[26]!;
  const lastPage = u32(32);
  if (metaType !== P_HASHMETA) return { ok: false, error: `metadata page has type ${metaType}, not hash metadata` };
  if (version < 7 || version > 10) return { ok: false, error: `unsupported Berkeley DB hash version ${version}` };
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    return { ok: false, error: `invalid Berkeley DB page size ${pageSize}` };
  }
  if (encrypted !== 0) return { ok: false, error: 'encrypted Berkeley DB databases are not supported (rpm never encrypts)' };
  const warnings: string[] = [];
  const filePages = Math.floor(bytes.length / pageSize);
  if (lastPage + 1 > filePages) {
    warnings.push(`metadata says ${lastPage + 1} pages but the file holds ${filePages}; reading what is there`);
  }
  const pageCount = Math.min(lastPage + 1, filePages);
  const overhead = SIZEOF_PAGE + (metaFlags & DBMETA_CHKSUM ? SIZEOF_PG_CHKSUM : 0);

  // An overflow page belongs to one item. Refusing reuse bounds the output by the file size even when a
  // hostile file points thousands of items at the same long chain (and ends cycles, too).
  const overflowUsed = new Uint8Array(pageCount);
  const readOverflow = (firstPage: number, total: number, what: string): Uint8Array | string => {
    // An overflow item can't be larger than the pages that could hold it.
    if (total > pageCount * (pageSize - overhead)) return `${what}: overflow length ${total} exceeds the file`;
    const out = new Uint8Array(total);
    let filled = 0;
    let page = firstPage;
    for (let hops = 0; filled < total; hops++) {
      if (hops >= pageCount || page === 0 || page >= pageCount) return `${what}: broken overflow chain at page ${page}`;
      if (overflowUsed[page]) return `${what}: overflow page ${page} already belongs to another item`;
      overflowUsed[page] = 1;
      const base = page * pageSize;
      if (bytes[base + 25] !== P_OVERFLOW) return `${what}: page ${page} is not an overflow page`;
      const len = u16(base + 22);
      if (len > pageSize - overhead || len > total - filled) return `${what}: overflow page ${page} holds ${len} bytes, which doesn't fit`;
      out.set(bytes.subarray(base + overhead, base + overhead + len), filled);
      filled += len;
      page = u32(base + 16);
    }
    return out;
  };

  const blobs: HeaderBlob[] = [];
  for (let page = 1; page < pageCount; page++) {
    const base = page * pageSize;
    const type = bytes[base + 25];
    if (type !== P_HASH && type !== P_HASH_UNSORTED) continue;
    const entries = u16(base + 20);
    const indexEnd = overhead + entries * 2;
    if (indexEnd > pageSize) {
      warnings.push(`page ${page}: ${entries} entries can't fit in a page; skipped`);
      continue;
    }
    const offsets: number[] = [];
    for (let i = 0; i < entries; i++) offsets.push(u16(base + overhead + i * 2));
    // Items grow down from the end of the page: item i ends where item i-1 starts (LEN_HITEM).
    const item = (i: number): { start: number; end: number } | undefined => {
      const start = offsets[i]!;
      const end = i === 0 ? pageSize : offsets[i - 1]!;
      if (start < indexEnd || start >= end || end > pageSize) return undefined;
      return { start: base + start, end: base + end };
    };
    for (let i = 0; i + 1 < entries; i += 2) {
      const where = `page ${page} item ${i / 2}`;
      const key = item(i);
      const data = item(i + 1);
      if (!key || !data) {
        warnings.push(`${where}: item offsets out of order or outside the page; skipped`);
        continue;
      }
      let keyNumber: number | string = where;
      if (bytes[key.start] === H_KEYDATA && key.end - key.start === 5) {
        keyNumber = u32(key.start + 1);
        // Record 0 holds rpm's next package number, not a header.
        if (keyNumber === 0) continue;
      }
      const dataType = bytes[data.start];
      if (dataType === H_KEYDATA) {
        blobs.push({ key: keyNumber, blob: bytes.slice(data.start + 1, data.end) });
      } else if (dataType === H_OFFPAGE) {
        if (data.end - data.start < HOFFPAGE_SIZE) {
          warnings.push(`${where}: truncated off-page reference; skipped`);
          continue;
        }
        const blob = readOverflow(u32(data.start + 4), u32(data.start + 8), where);
        if (typeof blob === 'string') warnings.push(`${blob}; skipped`);
        else blobs.push({ key: keyNumber, blob });
      } else if (dataType === H_DUPLICATE || dataType === H_OFFDUP) {
        warnings.push(`${where}: duplicate data items (not used by rpm); skipped`);
      } else {
        warnings.push(`${where}: unknown item type ${String(dataType)}; skipped`);
      }
    }
  }
  // Package-number order, like rpm -qa on this backend; records with unreadable keys last.
  const order = (k: number | string): number => (typeof k === 'number' ? k : Number.MAX_SAFE_INTEGER);
  blobs.sort((a, b) => order(a.key) - order(b.key));
  return { ok: true, blobs, warnings };
}
