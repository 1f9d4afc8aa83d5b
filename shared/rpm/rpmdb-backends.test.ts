import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBdbPackages } from './rpmdb-bdb';
import { readNdbPackages } from './rpmdb-ndb';
import { rpmDatabaseFromBlobs } from './rpmdb-packages';
import { RpmTag, RpmType } from './rpm-header';
import { writeRpmHeader } from './rpm-header-writer';
import { prepareSqliteForMemory } from './sqlite-wal';

const header = (name: string): Uint8Array =>
  writeRpmHeader([
    { tag: RpmTag.NAME, data: { type: RpmType.STRING, value: [name] } },
    { tag: RpmTag.VERSION, data: { type: RpmType.STRING, value: ['1'] } },
    { tag: RpmTag.RELEASE, data: { type: RpmType.STRING, value: ['1'] } },
    { tag: RpmTag.SUMMARY, data: { type: RpmType.STRING, value: ['x'.repeat(300)] } },
  ]);

/**
 * A minimal Berkeley DB hash file: meta page, one hash page holding [key, value] pairs where the value is an
 * off-page reference to an overflow chain. Real files are covered by the integration test; this one lets us
 * break things precisely.
 */
function bdbFile(values: Uint8Array[], { pageSize = 512, le = true } = {}): { bytes: Uint8Array; overflowStart: number } {
  const payload = pageSize - 26;
  const chains = values.map((v) => Math.max(1, Math.ceil(v.length / payload)));
  const pages = 2 + chains.reduce((a, b) => a + b, 0);
  const bytes = new Uint8Array(pages * pageSize);
  const view = new DataView(bytes.buffer);
  view.setUint32(12, 0x061561, le);
  view.setUint32(16, 9, le);
  view.setUint32(20, pageSize, le);
  bytes[25] = 8;
  view.setUint32(32, pages - 1, le);
  // hash page 1
  const hp = pageSize;
  bytes[hp + 25] = 13;
  view.setUint16(hp + 20, values.length * 2, le);
  let top = pageSize;
  let nextOverflow = 2;
  values.forEach((v, i) => {
    top -= 5; // key: H_KEYDATA + 4-byte package number
    bytes[hp + top] = 1;
    view.setUint32(hp + top + 1, i + 1, le);
    view.setUint16(hp + 26 + i * 4, top, le);
    top -= 12; // value: HOFFPAGE
    bytes[hp + top] = 3;
    view.setUint32(hp + top + 4, nextOverflow, le);
    view.setUint32(hp + top + 8, v.length, le);
    view.setUint16(hp + 26 + i * 4 + 2, top, le);
    for (let c = 0, off = 0; c < chains[i]!; c++, nextOverflow++) {
      const p = nextOverflow * pageSize;
      const n = Math.min(payload, v.length - off);
      bytes[p + 25] = 7;
      view.setUint16(p + 22, n, le);
      view.setUint32(p + 16, c + 1 < chains[i]! ? nextOverflow + 1 : 0, le);
      bytes.set(v.subarray(off, off + n), p + 26);
      off += n;
    }
  });
  return { bytes, overflowStart: 2 };
}

describe('readBdbPackages', () => {
  it.each([true, false])('reads off-page headers (little-endian %s)', (le) => {
    const values = [header('a'), header('b')];
    const r = readBdbPackages(bdbFile(values, { le }).bytes);
    expect(r.ok && r.blobs.map((b) => b.key)).toEqual([1, 2]);
    const db = rpmDatabaseFromBlobs('bdb', 'Packages', r.ok ? r.blobs : []);
    expect(db.packages.map((p) => p.name)).toEqual(['a', 'b']);
    expect(db.warnings).toEqual([]);
  });

  it('refuses what is not a hash database', () => {
    expect(readBdbPackages(new Uint8Array(4096)).ok).toBe(false);
    const { bytes } = bdbFile([header('a')]);
    new DataView(bytes.buffer).setUint32(20, 1000, true);
    expect(readBdbPackages(bytes)).toMatchObject({ ok: false, error: expect.stringMatching(/page size/) });
  });

  it('stops a cyclic overflow chain with a warning', () => {
    const { bytes } = bdbFile([header('a')]);
    const view = new DataView(bytes.buffer);
    // make the last overflow page point back at the first
    for (let p = 2; p * 512 < bytes.length; p++) if (view.getUint32(p * 512 + 16, true) === 0) view.setUint32(p * 512 + 16, 2, true);
    // and claim a longer item so the reader keeps following
    const hp = 512;
    const valueAt = view.getUint16(hp + 26 + 2, true);
    view.setUint32(hp + valueAt + 8, 5000, true);
    const r = readBdbPackages(bytes);
    expect(r.ok && r.blobs).toEqual([]);
    expect(r.ok && r.warnings.join()).toMatch(/overflow/);
  });

  it('never throws and never returns more than the file holds, whatever the bytes', () => {
    const base = bdbFile([header('a'), header('b'), header('c')]).bytes;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(base.length - 1), fc.nat(255)), { minLength: 1, maxLength: 30 }), (edits) => {
        const b = base.slice();
        for (const [at, v] of edits) b[at] = v;
        const r = readBdbPackages(b);
        if (r.ok) expect(r.blobs.reduce((n, x) => n + x.blob.length, 0)).toBeLessThanOrEqual(b.length);
      }),
      { numRuns: 3000 },
    );
  });
});

/** An NDB Packages.db as rpm's rpmpkg.c lays it out (little-endian, 16-byte blocks, one slot page). */
function ndbFile(blobs: Uint8Array[]): Uint8Array {
  const ascii = (s: string): number => s.charCodeAt(0) | (s.charCodeAt(1) << 8) | (s.charCodeAt(2) << 16) | (s.charCodeAt(3) << 24);
  const placed = blobs.map((b) => Math.ceil((16 + b.length + 12) / 16));
  const out = new Uint8Array(4096 + placed.reduce((a, b) => a + b, 0) * 16);
  const v = new DataView(out.buffer);
  v.setUint32(0, ascii('RpmP'), true);
  v.setUint32(12, 1, true);
  let blk = 4096 / 16;
  for (let slot = 0; slot < 4096 / 16 - 2; slot++) v.setUint32(32 + slot * 16, ascii('Slot'), true);
  blobs.forEach((b, i) => {
    const s = 32 + i * 16;
    v.setUint32(s + 4, i + 1, true);
    v.setUint32(s + 8, blk, true);
    v.setUint32(s + 12, placed[i]!, true);
    const at = blk * 16;
    v.setUint32(at, ascii('BlbS'), true);
    v.setUint32(at + 4, i + 1, true);
    v.setUint32(at + 12, b.length, true);
    out.set(b, at + 16);
    const tail = at + placed[i]! * 16 - 12;
    v.setUint32(tail + 4, b.length, true);
    v.setUint32(tail + 8, ascii('BlbE'), true);
    blk += placed[i]!;
  });
  return out;
}

describe('readNdbPackages', () => {
  it('reads blobs from slots', () => {
    const r = readNdbPackages(ndbFile([header('x'), header('y')]));
    expect(r.ok && r.warnings).toEqual([]);
    const db = rpmDatabaseFromBlobs('ndb', 'Packages.db', r.ok ? r.blobs : []);
    expect(db.packages.map((p) => p.name)).toEqual(['x', 'y']);
  });

  it('never throws on corruption', () => {
    const base = ndbFile([header('x'), header('y')]);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(base.length - 1), fc.nat(255)), { minLength: 1, maxLength: 30 }), (edits) => {
        const b = base.slice();
        for (const [at, val] of edits) b[at] = val;
        readNdbPackages(b);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('prepareSqliteForMemory', () => {
  it('switches a WAL-mode header to rollback mode on a copy', () => {
    const db = new Uint8Array(1024);
    db.set(new TextEncoder().encode('SQLite format 3\0'));
    db[16] = 4; // page size 1024
    db[18] = 2;
    db[19] = 2;
    const r = prepareSqliteForMemory(db);
    expect([r.bytes[18], r.bytes[19]]).toEqual([1, 1]);
    expect(db[18]).toBe(2);
  });

  it('ignores a WAL that is garbage', () => {
    const db = new Uint8Array(1024);
    db[16] = 4;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (wal) => {
        const r = prepareSqliteForMemory(db, wal);
        expect(r.bytes.length).toBe(1024);
      }),
      { numRuns: 500 },
    );
  });
});

describe('output bounds', () => {
  it('BDB: items sharing one overflow chain are read once', () => {
    const { bytes } = bdbFile([header('a'), header('b')]);
    const view = new DataView(bytes.buffer);
    // point the second value at the first value's chain
    const first = view.getUint16(512 + 26 + 2, true);
    const second = view.getUint16(512 + 26 + 6, true);
    view.setUint32(512 + second + 4, view.getUint32(512 + first + 4, true), true);
    view.setUint32(512 + second + 8, view.getUint32(512 + first + 8, true), true);
    const r = readBdbPackages(bytes);
    expect(r.ok && r.blobs.length).toBe(1);
    expect(r.ok && r.warnings.join()).toMatch(/already belongs/);
  });

  it('NDB: slots pointing at the same blob cannot multiply it past the file size', () => {
    const file = ndbFile([header('x')]);
    const v = new DataView(file.buffer);
    for (let slot = 1; slot < 200; slot++) {
      v.setUint32(32 + slot * 16 + 4, 1, true);
      v.setUint32(32 + slot * 16 + 8, v.getUint32(32 + 8, true), true);
      v.setUint32(32 + slot * 16 + 12, v.getUint32(32 + 12, true), true);
    }
    const r = readNdbPackages(file);
    expect(r.ok && r.blobs.reduce((n, b) => n + b.blob.length, 0)).toBeLessThanOrEqual(file.length);
  });
});
