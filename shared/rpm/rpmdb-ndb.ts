/**
 * Reader for rpm's own "ndb" backend (Packages.db, SUSE's default; rare on Red Hat images but listed in
 * RPMDB_PATHS). Layout from rpm's lib/backend/ndb/rpmpkg.c, all little-endian:
 *   file header (32 bytes): "RpmP", version 0, generation, slot pages, next package index
 *   slots (16 bytes each, after the header, filling `slot pages` × 4096 bytes): "Slot", pkgidx, blkoff, blkcnt
 *   blob at blkoff × 16: "BlbS", pkgidx, generation, length, header blob, then adler32, length, "BlbE"
 * Only checked against synthetic files: Debian's rpm is built without ndb, so no real fixture exists here.
 */
import type { HeaderBlob } from './rpmdb-packages';

const magic = (s: string): number => s.charCodeAt(0) | (s.charCodeAt(1) << 8) | (s.charCodeAt(2) << 16) | (s.charCodeAt(3) << 24);
const PKGDB_MAGIC = magic('RpmP') >>> 0;
const SLOT_MAGIC = magic('Slot') >>> 0;
const BLOBHEAD_MAGIC = magic('BlbS') >>> 0;
const BLOBTAIL_MAGIC = magic('BlbE') >>> 0;
const HEADER_SIZE = 32;
const SLOT_SIZE = 16;
const BLK_SIZE = 16;
const PAGE_SIZE = 4096;
const BLOBHEAD_SIZE = 16;
const BLOBTAIL_SIZE = 12;

export type NdbResult = { ok: true; blobs: HeaderBlob[]; warnings: string[] } | { ok: false; error: string };

export function isNdbPackages(bytes: Uint8Array): boolean {
  return bytes.length >= HEADER_SIZE && new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true) === PKGDB_MAGIC;
}

export function readNdbPackages(bytes: Uint8Array): NdbResult {
  if (!isNdbPackages(bytes)) return { ok: false, error: 'no NDB "RpmP" magic' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number): number => view.getUint32(at, true);
  const version = u32(4);
  if (version !== 0) return { ok: false, error: `unsupported NDB version ${version}` };
  const slotPages = u32(12);
  const slotBytes = slotPages * PAGE_SIZE;
  if (slotPages === 0 || slotBytes > bytes.length) return { ok: false, error: `NDB claims ${slotPages} slot pages, the file is ${bytes.length} bytes` };
  const blobs: HeaderBlob[] = [];
  const warnings: string[] = [];
  // Real blobs don't overlap, so together they are smaller than the file; hostile slots pointing at the
  // same big blob over and over would otherwise multiply it.
  let total = 0;
  for (let at = HEADER_SIZE; at + SLOT_SIZE <= slotBytes; at += SLOT_SIZE) {
    if (u32(at) !== SLOT_MAGIC) {
      warnings.push(`slot at ${at}: bad magic; skipped`);
      continue;
    }
    const pkgIdx = u32(at + 4);
    if (pkgIdx === 0) continue; // free slot
    const blkOff = u32(at + 8);
    const blkCnt = u32(at + 12);
    const start = blkOff * BLK_SIZE;
    const size = blkCnt * BLK_SIZE;
    const where = `package ${pkgIdx}`;
    if (start < slotBytes || size < BLOBHEAD_SIZE + BLOBTAIL_SIZE || start + size > bytes.length) {
      warnings.push(`${where}: blob location outside the file; skipped`);
      continue;
    }
    const length = u32(start + 12);
    if (u32(start) !== BLOBHEAD_MAGIC || u32(start + 4) !== pkgIdx || length > size - BLOBHEAD_SIZE - BLOBTAIL_SIZE) {
      warnings.push(`${where}: bad blob head; skipped`);
      continue;
    }
    const tail = start + size - BLOBTAIL_SIZE;
    if (u32(tail + 8) !== BLOBTAIL_MAGIC || u32(tail + 4) !== length) {
      warnings.push(`${where}: bad blob tail; skipped`);
      continue;
    }
    total += length;
    if (total > bytes.length) {
      warnings.push('blobs overlap (more blob data than file); stopped reading');
      break;
    }
    blobs.push({ key: pkgIdx, blob: bytes.slice(start + BLOBHEAD_SIZE, start + BLOBHEAD_SIZE + length) });
  }
  blobs.sort((a, b) => (a.key as number) - (b.key as number));
  return { ok: true, blobs, warnings };
}
