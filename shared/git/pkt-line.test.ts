import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PktLineError, PktLineParser, describeRefs, parseRefAdvertisement, summariseRefs } from './pkt-line';

const enc = new TextEncoder();
function pkt(line: string): string {
  const len = enc.encode(line).length + 4;
  return len.toString(16).padStart(4, '0') + line;
}
const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('pkt-line', () => {
  const advert =
    pkt(`${A} HEAD\0multi_ack side-band-64k symref=HEAD:refs/heads/main agent=git/2.43\n`) +
    pkt(`${A} refs/heads/main\n`) +
    pkt(`${B} refs/heads/release-1.0\n`) +
    pkt(`${B} refs/tags/v1\n`) +
    '0000';

  it('reads a v0 advertisement split across arbitrary chunks', () => {
    const bytes = enc.encode(advert);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 6 }), (cuts) => {
        const parser = new PktLineParser();
        const points = [...new Set(cuts)].sort((x, y) => x - y);
        const packets = [];
        let last = 0;
        for (const p of [...points, bytes.length]) {
          packets.push(...parser.push(bytes.subarray(last, p)));
          last = p;
        }
        const ad = parseRefAdvertisement(packets);
        expect(ad.headTarget).toBe('refs/heads/main');
        const summary = summariseRefs(ad);
        expect(summary).toEqual({ branches: ['main', 'release-1.0'], defaultBranch: 'main' });
        expect(describeRefs(summary)).toBe('2 branches, default branch main');
      }),
    );
  });

  it('reads an empty repository and an ERR answer', () => {
    const parser = new PktLineParser();
    const empty = parseRefAdvertisement(parser.push(enc.encode(pkt(`${'0'.repeat(40)} capabilities^{}\0agent=x\n`) + '0000')));
    expect(summariseRefs(empty)).toEqual({ branches: [] });
    const err = parseRefAdvertisement(new PktLineParser().push(enc.encode(pkt('ERR access denied\n'))));
    expect(err.error).toBe('access denied');
  });

  it('falls back to HEAD oid when there is no symref capability', () => {
    const text = pkt(`${B} HEAD\0multi_ack\n`) + pkt(`${A} refs/heads/dev\n`) + pkt(`${B} refs/heads/trunk\n`) + '0000';
    expect(summariseRefs(parseRefAdvertisement(new PktLineParser().push(enc.encode(text)))).defaultBranch).toBe('trunk');
  });

  it('never crashes on garbage: it parses or throws PktLineError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          parseRefAdvertisement(new PktLineParser().push(bytes));
        } catch (err) {
          expect(err).toBeInstanceOf(PktLineError);
        }
      }),
    );
  });
});
