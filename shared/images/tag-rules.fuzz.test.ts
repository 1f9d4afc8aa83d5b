import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tagProblem } from '../scan/tag-rules';
import { formatReference, GUIDE_TAG_MAX, imageNameViolation, isValidTag, parseReference, repositoryOf, tagViolations } from './tag-rules';
import { dockerfileLabels, highestRebuild, suggestTag } from './tag-suggestion';

/**
 * Tags and image references come from the user (typed or pasted from a PDF) and from Dockerfile
 * labels: any string must get a verdict, never a throw, and an accepted tag must obey the guide.
 */

/** Characters pasted tags really carry: ASCII, look-alikes, invisible and bidi marks, NBSP, astral. */
const TRICKY = ['\u200b', '\u200d', '\ufeff', '\u00a0', '\u202e', '\u2066', '\u2013', '\u2010', '\u0430', '\uff10', '\ud83d\ude00', '\ud800', '\n', '\t', ' ', ':', '@', '/', '.', '-', '_'];
const trickyChar = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));
const tagLike = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.stringMatching(/^[A-Za-z0-9_.-]{0,40}$/),
  fc.tuple(fc.stringMatching(/^[A-Za-z0-9_.-]{0,20}$/), trickyChar, fc.stringMatching(/^[A-Za-z0-9_.-]{0,20}$/)).map(([a, c, b]) => a + c + b),
);
const validTag = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$/);

const GUIDE_TAG = /^[A-Za-z0-9_.-]+$/;

describe('tag rules under fuzzing', () => {
  it('gives every string a verdict; an accepted tag obeys the guide (ASCII [A-Za-z0-9_.-], ≤32, not starting with . or -)', () => {
    fc.assert(
      fc.property(tagLike, (tag) => {
        const violations = tagViolations(tag);
        expect(Array.isArray(violations)).toBe(true);
        for (const v of violations) {
          expect(v.rule.length).toBeGreaterThan(0);
          expect(v.message.length).toBeGreaterThan(0);
        }
        expect(isValidTag(tag)).toBe(violations.length === 0);
        if (violations.length === 0) {
          expect(tag).toMatch(GUIDE_TAG);
          expect(tag.length).toBeLessThanOrEqual(GUIDE_TAG_MAX);
          expect(tag.startsWith('.') || tag.startsWith('-')).toBe(false);
        }
        // The scan's good_tags check and the build/push rules agree on every string.
        expect(tagProblem(tag) === undefined).toBe(violations.length === 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts every tag the guide allows', () => {
    fc.assert(
      fc.property(validTag, (tag) => {
        expect(tagViolations(tag)).toEqual([]);
        expect(tagProblem(tag)).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });
});

const component = fc.stringMatching(/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+){0,2}$/);
const domain = fc.oneof(
  fc.constantFrom('scan.connect.redhat.com', 'quay.io', 'localhost', '127.0.0.1:5000', 'registry.example.com:443', '[::1]:5000'),
  fc.stringMatching(/^[a-z0-9]{1,10}\.[a-z]{2,5}(?::[0-9]{1,5})?$/),
);
const digest = fc.stringMatching(/^[a-f0-9]{64}$/).map((hex) => `sha256:${hex}`);
const validReference = fc
  .record({
    domain: fc.option(domain, { nil: undefined }),
    path: fc.array(component, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/')),
    tag: fc.option(fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,40}$/), { nil: undefined }),
    digest: fc.option(digest, { nil: undefined }),
  })
  .filter((r) => repositoryOf(r).length <= 255)
  // Docker reads a first component with a "." as the registry (`0.0/a`): such names need a domain to stay paths.
  .filter((r) => r.domain !== undefined || !r.path.includes('/') || !r.path.split('/')[0]!.includes('.'));

describe('image references under fuzzing', () => {
  it('parses any string to a reference or an error message, never a throw', () => {
    const anyRef = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 120 }),
      fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('/', ':', '@', '.', '..', 'sha256:', 'localhost', 'A', '[', ']')), { maxLength: 12 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(anyRef, (input) => {
        const parsed = parseReference(input);
        if (parsed.ok) {
          expect(parsed.ref.path.length).toBeGreaterThan(0);
          // What was accepted prints back to a reference that parses to the same thing.
          expect(parseReference(formatReference(parsed.ref))).toEqual(parsed);
        } else {
          expect(parsed.error.length).toBeGreaterThan(0);
        }
        const nameVerdict = imageNameViolation(input);
        if (nameVerdict !== undefined) expect(nameVerdict.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips valid references through format and parse', () => {
    fc.assert(
      fc.property(validReference, (ref) => {
        const text = formatReference(ref);
        const parsed = parseReference(text);
        expect(parsed).toEqual({ ok: true, ref: Object.fromEntries(Object.entries(ref).filter(([, v]) => v !== undefined)) });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('tag suggestion under fuzzing', () => {
  const labelValue = fc.oneof(fc.string({ maxLength: 30 }), fc.stringMatching(/^[0-9]{1,3}(?:\.[0-9]{1,3}){0,2}$/), fc.string({ unit: 'binary', maxLength: 20 }));
  const dockerfile = fc.oneof(
    fc.string({ maxLength: 400 }),
    fc.tuple(labelValue, fc.option(labelValue, { nil: undefined }), fc.constantFrom('=', ' '), fc.constantFrom('"', "'", ''), fc.constantFrom('\n', '\r\n', ' \\\n  ')).map(
      ([version, release, sep, quote, joiner]) =>
        `FROM registry.access.redhat.com/ubi9/ubi-minimal${joiner}LABEL version${sep}${quote}${version}${quote}${release === undefined ? '' : `${joiner.includes('\\') ? joiner : ' '}release${sep}${quote}${release}${quote}`}\n`,
    ),
  );
  const existing = fc.array(fc.oneof(validTag, fc.string({ maxLength: 20 })), { maxLength: 8 });

  it('reads labels and suggests only tags the rules accept and that do not exist yet', () => {
    fc.assert(
      fc.property(dockerfile, existing, (text, tags) => {
        const labels = dockerfileLabels(text);
        expect(typeof labels).toBe('object');
        const suggestion = suggestTag(text, tags);
        if (suggestion) {
          expect(isValidTag(suggestion.tag)).toBe(true);
          expect(tags).not.toContain(suggestion.tag);
          expect(suggestion.reason.length).toBeGreaterThan(0);
        }
        if (labels.version !== undefined) expect(Number.isInteger(highestRebuild(labels.version, tags))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
