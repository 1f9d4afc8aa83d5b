import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePgpSignature } from './openpgp-signature';
import { parseRpmHeader, readRpmHeader, RpmTag, RpmType } from './rpm-header';
import { fakePgpSignatureV3, fakePgpSignatureV4, writeRpmHeader, type HeaderWriteEntry } from './rpm-header-writer';

const str = (tag: number, value: string): HeaderWriteEntry => ({ tag, data: { type: RpmType.STRING, value: [value] } });
const strs = (tag: number, value: string[]): HeaderWriteEntry => ({ tag, data: { type: RpmType.STRING_ARRAY, value } });
const i32 = (tag: number, value: number[]): HeaderWriteEntry => ({ tag, data: { type: RpmType.INT32, value } });
const i16 = (tag: number, value: number[]): HeaderWriteEntry => ({ tag, data: { type: RpmType.INT16, value } });

function samplePackage(extra: HeaderWriteEntry[] = []): HeaderWriteEntry[] {
  return [
    // A region marker as rpm writes it: BIN, count 16, offset pointing at a trailer.
    { tag: RpmTag.HEADERIMMUTABLE, data: { type: RpmType.BIN, value: new Uint8Array(16) } },
    str(RpmTag.NAME, 'neutron-plugin-acme'),
    str(RpmTag.VERSION, '1.2.3'),
    str(RpmTag.RELEASE, '4.el9'),
    i32(RpmTag.EPOCH, [2]),
    str(RpmTag.ARCH, 'noarch'),
    str(RpmTag.VENDOR, 'ACME Networks'),
    i32(RpmTag.INSTALLTIME, [1_700_000_000]),
    { tag: RpmTag.SUMMARY, data: { type: RpmType.I18NSTRING, value: ['ACME plugin'] } },
    i32(RpmTag.FILEDIGESTALGO, [8]),
    strs(RpmTag.DIRNAMES, ['/etc/neutron/', '/usr/bin/']),
    i32(RpmTag.DIRINDEXES, [0, 1, 1]),
    strs(RpmTag.BASENAMES, ['acme.conf', 'acme-agent', 'acme-link']),
    strs(RpmTag.FILEDIGESTS, ['aa'.repeat(32), 'bb'.repeat(32), '']),
    i16(RpmTag.FILEMODES, [0o100644, 0o100755, 0o120777]),
    i32(RpmTag.FILESIZES, [12, 3456, 10]),
    i32(RpmTag.FILEFLAGS, [1 | 16, 0, 0]),
    strs(RpmTag.FILELINKTOS, ['', '', 'acme-agent']),
    ...extra,
  ];
}

describe('parseRpmHeader', () => {
  it('reads identity, files and flags', () => {
    const r = parseRpmHeader(writeRpmHeader(samplePackage()));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([]);
    const p = r.value;
    expect(p).toMatchObject({
      name: 'neutron-plugin-acme', epoch: 2, version: '1.2.3', release: '4.el9', arch: 'noarch',
      vendor: 'ACME Networks', installTime: 1_700_000_000, fileDigestAlgo: 8, summary: 'ACME plugin',
    });
    expect(p.signatureKeyId).toBeUndefined();
    expect(p.files).toEqual([
      { path: '/etc/neutron/acme.conf', digest: 'aa'.repeat(32), mode: 0o100644, size: 12, flags: 17 },
      { path: '/usr/bin/acme-agent', digest: 'bb'.repeat(32), mode: 0o100755, size: 3456, flags: 0 },
      { path: '/usr/bin/acme-link', digest: '', mode: 0o120777, size: 10, flags: 0, linkTarget: 'acme-agent' },
    ]);
  });

  it('prefers LONGFILESIZES, falls back to OLDFILENAMES and md5 when FILEDIGESTALGO is absent', () => {
    const r = parseRpmHeader(
      writeRpmHeader([
        str(RpmTag.NAME, 'old'), str(RpmTag.VERSION, '1'), str(RpmTag.RELEASE, '1'), str(RpmTag.ARCH, 'x86_64'),
        strs(RpmTag.OLDFILENAMES, ['/big']),
        { tag: RpmTag.LONGFILESIZES, data: { type: RpmType.INT64, value: [5 * 2 ** 32 + 7] } },
        i32(RpmTag.FILESIZES, [1]),
      ]),
    );
    expect(r.ok && r.value.files).toEqual([{ path: '/big', digest: '', mode: 0, size: 5 * 2 ** 32 + 7, flags: 0 }]);
    expect(r.ok && r.value.fileDigestAlgo).toBe(1);
  });

  it.each([
    ['RSAHEADER v4 issuer subpacket', RpmTag.RSAHEADER, fakePgpSignatureV4('199e2f91fd431d51')],
    ['SIGPGP v3', RpmTag.SIGPGP, fakePgpSignatureV3('5326810137017186')],
    ['DSAHEADER v4 hashed issuer', RpmTag.DSAHEADER, fakePgpSignatureV4('45689c882fa658e0', { unhashedIssuer: false })],
  ])('reads the signing key id from %s', (_label, tag, sig) => {
    const r = parseRpmHeader(writeRpmHeader(samplePackage([{ tag, data: { type: RpmType.BIN, value: sig } }])));
    const expected = parsePgpSignature(sig);
    expect(expected.ok).toBe(true);
    expect(r.ok && r.value.signatureKeyId).toBe(expected.ok && expected.value.keyId);
  });

  it('derives the key id from an issuer fingerprint', () => {
    const fp = '567e347ad0044ade55ba8a5f199e2f91fd431d51';
    const sig = parsePgpSignature(fakePgpSignatureV4('0000000000000000', { fingerprint: fp }));
    expect(sig.ok && sig.value.fingerprint).toBe(fp);
  });

  it('warns, not fails, on an unreadable signature', () => {
    const r = parseRpmHeader(writeRpmHeader(samplePackage([{ tag: RpmTag.RSAHEADER, data: { type: RpmType.BIN, value: new Uint8Array([0xc2, 0x40, 4]) } }])));
    expect(r.ok).toBe(true);
    expect(r.ok && r.warnings.join()).toMatch(/signature/);
  });

  it('warns and drops a per-file array whose length disagrees', () => {
    const entries = samplePackage().map((e) => (e.tag === RpmTag.FILEMODES ? i16(RpmTag.FILEMODES, [1]) : e));
    const r = parseRpmHeader(writeRpmHeader(entries));
    expect(r.ok && r.value.files.map((f) => f.mode)).toEqual([0, 0, 0]);
    expect(r.ok && r.warnings.join()).toMatch(/FILEMODES has 1 entries for 3 files/);
  });

  it('drops the file list when a DIRINDEX points nowhere', () => {
    const entries = samplePackage().map((e) => (e.tag === RpmTag.DIRINDEXES ? i32(RpmTag.DIRINDEXES, [0, 1, 9]) : e));
    const r = parseRpmHeader(writeRpmHeader(entries));
    expect(r.ok && r.value.files).toEqual([]);
    expect(r.ok && r.warnings.join()).toMatch(/DIRINDEXES\[2\]/);
  });

  describe('hostile blobs', () => {
    const valid = writeRpmHeader(samplePackage());
    const patched = (at: number, value: number): Uint8Array => {
      const b = valid.slice();
      new DataView(b.buffer).setUint32(at, value);
      return b;
    };
    it.each([
      ['too short', new Uint8Array(5), /too short/],
      ['il = 0', patched(0, 0), /tags/],
      ['il huge', patched(0, 0xffffffff), /tags/],
      ['dl huge', patched(4, 0xfffffff0), /bytes of data/],
      ['dl past the end', patched(4, valid.length), /blob has only/],
      ['offset past the data store', patched(8 + 16 * 1 + 8, 0x7fffffff), /offset/],
      ['negative offset', patched(8 + 16 * 1 + 8, 0xfffffff0), /offset/],
      ['string array count huge', patched(8 + 16 * 10 + 12, 0xffffffff), /strings can't fit/],
      ['int32 count huge', patched(8 + 16 * 11 + 12, 0x40000000), /run past/],
      ['unknown type', patched(8 + 16 * 1 + 4, 42), /unknown type/],
      ['NAME with count 2', patched(8 + 16 * 1 + 12, 2), /string with count/],
    ])('%s → error value', (_label, blob, message) => {
      const r = parseRpmHeader(blob);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatch(message);
    });

    it('never throws on random bytes', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
          parseRpmHeader(bytes);
        }),
        { numRuns: 3000 },
      );
    });

    it('never throws on a valid header with random corruption', () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }),
          fc.nat(valid.length),
          (edits, cut) => {
            const b = valid.slice(0, Math.max(cut, valid.length - 40));
            for (const [at, v] of edits) if (at < b.length) b[at] = v;
            const r = parseRpmHeader(b);
            if (r.ok) {
              // Whatever survives must be internally consistent.
              expect(typeof r.value.name).toBe('string');
              expect(r.value.files.length).toBeLessThanOrEqual(b.length);
            }
          },
        ),
        { numRuns: 3000 },
      );
    });

    it('never throws on random index entries over a random data store', () => {
      const entry = fc.tuple(
        fc.constantFrom(RpmTag.NAME, RpmTag.VERSION, RpmTag.BASENAMES, RpmTag.DIRNAMES, RpmTag.DIRINDEXES, RpmTag.FILEMODES, RpmTag.RSAHEADER, RpmTag.LONGFILESIZES, RpmTag.EPOCH),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: -4, max: 300 }),
        fc.oneof(fc.integer({ min: 0, max: 64 }), fc.constant(0xffffffff)),
      );
      fc.assert(
        fc.property(fc.array(entry, { minLength: 1, maxLength: 12 }), fc.uint8Array({ maxLength: 256 }), (entries, data) => {
          const blob = new Uint8Array(8 + entries.length * 16 + data.length);
          const v = new DataView(blob.buffer);
          v.setUint32(0, entries.length);
          v.setUint32(4, data.length);
          entries.forEach(([tag, type, offset, count], i) => {
            v.setUint32(8 + i * 16, tag);
            v.setUint32(12 + i * 16, type);
            v.setInt32(16 + i * 16, offset);
            v.setUint32(20 + i * 16, count);
          });
          blob.set(data, 8 + entries.length * 16);
          const r = parseRpmHeader(blob);
          if (r.ok) expect(readRpmHeader(blob).ok).toBe(true);
        }),
        { numRuns: 5000 },
      );
    });
  });
});

describe('work bounds', () => {
  it('refuses many entries re-reading the same strings instead of hanging', () => {
    const il = 4000;
    const data = new Uint8Array(200_000).fill(0x61);
    for (let i = 1; i < data.length; i += 2) data[i] = 0; // 100k one-char strings
    const blob = new Uint8Array(8 + il * 16 + data.length);
    const v = new DataView(blob.buffer);
    v.setUint32(0, il);
    v.setUint32(4, data.length);
    for (let i = 0; i < il; i++) {
      v.setUint32(8 + i * 16, RpmTag.BASENAMES + i);
      v.setUint32(12 + i * 16, RpmType.STRING_ARRAY);
      v.setUint32(16 + i * 16, 0);
      v.setUint32(20 + i * 16, 100_000);
    }
    blob.set(data, 8 + il * 16);
    const r = parseRpmHeader(blob);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/overlap/);
  });
});
