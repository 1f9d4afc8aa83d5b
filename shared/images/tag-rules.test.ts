import { describe, expect, it } from 'vitest';
import { formatReference, imageNameViolation, isValidTag, parseReference, tagViolations } from './tag-rules';
import { dockerfileLabels, suggestTag } from './tag-suggestion';

describe('tag rules (guide + Docker)', () => {
  it.each(['1.0-1', '1.2.0', 'v1_2', 'A', '0', 'x'.repeat(32)])('accepts %s', (tag) => {
    expect(tagViolations(tag)).toEqual([]);
  });
  it.each([
    ['', 'empty'],
    ['.1', 'start'],
    ['-1', 'start'],
    ['1.0 1', 'characters'],
    ['1.0+1', 'characters'],
    ['1.0:1', 'characters'],
    ['x'.repeat(33), 'length'],
    ['1.0\u20131', 'ascii'],
    ['1.0\u200b', 'ascii'],
  ])('refuses %j (%s)', (tag, rule) => {
    expect(tagViolations(tag).map((v) => v.rule)).toContain(rule);
    expect(isValidTag(tag)).toBe(false);
  });
});

describe('reference parsing', () => {
  it('splits domain, path, tag and digest', () => {
    const r = parseReference('scan.connect.redhat.com/p1234abcd/my-plugin:1.0-1');
    expect(r).toEqual({ ok: true, ref: { domain: 'scan.connect.redhat.com', path: 'p1234abcd/my-plugin', tag: '1.0-1' } });
    const local = parseReference('127.0.0.1:5000/p1/x@sha256:' + 'a'.repeat(64));
    expect(local.ok && local.ref.domain).toBe('127.0.0.1:5000');
    expect(local.ok && local.ref.tag).toBeUndefined();
    expect(parseReference('localhost/foo').ok && (parseReference('localhost/foo') as { ref: { domain?: string } }).ref.domain).toBe('localhost');
  });
  it('treats a first part without dot or colon as a path', () => {
    const r = parseReference('library/busybox:1');
    expect(r.ok && r.ref.domain).toBeUndefined();
    expect(r.ok && r.ref.path).toBe('library/busybox');
  });
  it('refuses uppercase paths, bad tags and bad digests', () => {
    expect(parseReference('reg.io/My-Plugin:1').ok).toBe(false);
    expect(parseReference('reg.io/p/x:-bad').ok).toBe(false);
    expect(parseReference('reg.io/p/x@sha256:zz').ok).toBe(false);
    expect(parseReference('reg.io/p//x').ok).toBe(false);
    expect(parseReference('a--b_c/x').ok).toBe(true);
    expect(parseReference('a_b.io/x').ok).toBe(false);
  });
  it('round-trips', () => {
    for (const s of ['a/b:c', 'r.io:5000/p/x:1.0-1', 'busybox']) {
      const r = parseReference(s);
      expect(r.ok && formatReference(r.ref)).toBe(s);
    }
  });
  it('checks image names', () => {
    expect(imageNameViolation('my-plugin')).toBeUndefined();
    expect(imageNameViolation('My')).toBeDefined();
    expect(imageNameViolation('a__b')).toBeUndefined();
    expect(imageNameViolation('-a')).toBeDefined();
  });
});

describe('tag suggestion', () => {
  const df = 'FROM ubi\nLABEL name="acme" \\\n      version="1.0" \\\n      release="1"\nLABEL summary "legacy form"\n';
  it('reads labels in both forms', () => {
    expect(dockerfileLabels(df)).toMatchObject({ name: 'acme', version: '1.0', release: '1', summary: 'legacy form' });
  });
  it('suggests VERSION-RELEASE, then the next rebuild number', () => {
    expect(suggestTag(df)?.tag).toBe('1.0-1');
    expect(suggestTag(df, ['1.0-1'])?.tag).toBe('1.0-2');
    expect(suggestTag(df, ['1.0-1', '1.0-7', '2.0-9', 'latest'])?.tag).toBe('1.0-8');
    expect(suggestTag('FROM x\nLABEL version=2.1\n')?.tag).toBe('2.1-1');
    expect(suggestTag('FROM x\n')).toBeUndefined();
  });
});
