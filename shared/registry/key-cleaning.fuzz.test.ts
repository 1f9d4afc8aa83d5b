import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanRegistryKey, describeCleaning } from './key-cleaning';

/**
 * Registry keys are pasted from PDFs, chats and web pages. Whatever arrives, the cleaned key is
 * printable ASCII without whitespace, the report accounts for every character taken out, and
 * cleaning twice changes nothing more.
 */

const HIDDEN = [
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u180e', // zero-width
  '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', // bidi
  '\u00a0', '\u2007', '\u202f', '\u3000', '\u2028', '\u2029', ' ', '\t', '\v', '\f', // spaces
  '\n', '\r', '\r\n', '\u0000', '\u0007', '\u007f', '\u0085', // breaks and controls
  '\u2013', '\u2014', '\u2212', '\u2018', '\u201c', '\u0430', '\u0435', '\u043e', '\u0410', '\u039f', '\u2024', '\uff21', '\uff10', '\uff0e', // look-alikes
  '\ud83d\udd11', '\ud800', '\udfff', 'é', 'ß', '\u00bd', '\u3382', // astral, lone surrogates, NFKC to several characters
];
const base64Url = fc.stringMatching(/^[A-Za-z0-9_.-]{0,120}$/);
/** A realistic key (JWT-like) with hidden characters sprinkled in. */
const pastedKey = fc
  .tuple(base64Url, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...HIDDEN)), { maxLength: 12 }))
  .map(([key, inserts]) => {
    let out = key;
    for (const [at, ch] of inserts) {
      const i = out.length === 0 ? 0 : at % (out.length + 1);
      out = out.slice(0, i) + ch + out.slice(i);
    }
    return out;
  });
const anyPaste = fc.oneof(pastedKey, fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 60 }));

const PRINTABLE_NO_SPACE = /^[\x21-\x7e]*$/;

describe('registry key cleaning under fuzzing', () => {
  it('leaves only printable ASCII without whitespace, reports every removal, and is idempotent', () => {
    fc.assert(
      fc.property(anyPaste, (pasted) => {
        const c = cleanRegistryKey(pasted);
        expect(c.cleaned).toMatch(PRINTABLE_NO_SPACE);
        // Each code point is either kept, replaced by one ASCII twin, or counted as removed.
        const codePoints = [...pasted].length;
        const removed = c.removed.reduce((n, r) => n + r.count, 0);
        expect(c.cleaned.length + removed).toBe(codePoints);
        for (const r of c.removed) {
          expect(r.count).toBeGreaterThan(0);
          expect(r.kind.length).toBeGreaterThan(0);
        }
        for (const r of c.replaced) {
          expect(r.from).toMatch(/^U\+[0-9A-F]{4,6}$/);
          expect(r.to).toMatch(/^[\x21-\x7e]$/);
          expect(r.count).toBeGreaterThan(0);
        }
        expect(c.changed).toBe(c.removed.length > 0 || c.replaced.length > 0);
        if (!c.changed) expect(c.cleaned).toBe(pasted);
        const again = cleanRegistryKey(c.cleaned);
        expect(again).toEqual({ cleaned: c.cleaned, removed: [], replaced: [], changed: false });
        // The one-line report never carries the key (a longer key could not hide in its words).
        const sentence = describeCleaning(c);
        expect(sentence.length).toBeGreaterThan(0);
        if (c.cleaned.length >= 24) expect(sentence).not.toContain(c.cleaned);
      }),
      { numRuns: 3000 },
    );
  });

  it('recovers the key exactly when only invisible characters and whitespace were added', () => {
    const invisible = HIDDEN.filter((ch) => /^(?:\s|[\u200b-\u200d\u2060\ufeff\u00ad\u180e])+$/.test(ch));
    fc.assert(
      fc.property(base64Url, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...invisible)), { maxLength: 12 }), (key, inserts) => {
        let pasted = key;
        for (const [at, ch] of inserts) {
          const i = pasted.length === 0 ? 0 : at % (pasted.length + 1);
          pasted = pasted.slice(0, i) + ch + pasted.slice(i);
        }
        const c = cleanRegistryKey(pasted);
        expect(c.cleaned).toBe(key);
        expect(c.replaced).toEqual([]);
        expect(c.changed).toBe(pasted !== key);
      }),
      { numRuns: 2000 },
    );
  });
});
