import { describe, expect, it } from 'vitest';
import { canSkipDirectory, isIgnored, parseDockerignore } from './dockerignore';
import { contextWarnings, looksLikePrivateKey, neverSendByPath } from './context-rules';

const ignored = (rules: string, path: string) => isIgnored(parseDockerignore(rules), path);

describe('.dockerignore matching like Docker', () => {
  it('matches plain names at the root only, and everything under a matched directory', () => {
    expect(ignored('node_modules', 'node_modules')).toBe(true);
    expect(ignored('node_modules', 'node_modules/a/b.js')).toBe(true);
    expect(ignored('node_modules', 'src/node_modules')).toBe(false);
  });
  it('drops a leading slash and cleans the path', () => {
    expect(ignored('/build', 'build/out.o')).toBe(true);
    expect(ignored('./build/../dist', 'dist/x')).toBe(true);
  });
  it('keeps * and ? inside one segment', () => {
    expect(ignored('*.log', 'a.log')).toBe(true);
    expect(ignored('*.log', 'sub/a.log')).toBe(false);
    expect(ignored('*/*.log', 'sub/a.log')).toBe(true);
    expect(ignored('file?.txt', 'file1.txt')).toBe(true);
    expect(ignored('file?.txt', 'file10.txt')).toBe(false);
    expect(ignored('[ab].txt', 'b.txt')).toBe(true);
  });
  it('lets ** span any number of directories, even none', () => {
    expect(ignored('**/*.log', 'a.log')).toBe(true);
    expect(ignored('**/*.log', 'x/y/z/a.log')).toBe(true);
    expect(ignored('docs/**', 'docs/a/b')).toBe(true);
    expect(ignored('a/**/b', 'a/b')).toBe(true);
    expect(ignored('a/**/b', 'a/x/y/b')).toBe(true);
    expect(ignored('a/**/b', 'c/a/x/b')).toBe(false);
  });
  it('lets ! re-include, and the last matching line wins', () => {
    const rules = '*.md\n!README.md\n';
    expect(ignored(rules, 'CHANGES.md')).toBe(true);
    expect(ignored(rules, 'README.md')).toBe(false);
    expect(ignored('!README.md\n*.md', 'README.md')).toBe(true);
    expect(ignored('docs\n!docs/keep.txt', 'docs/keep.txt')).toBe(false);
    expect(ignored('docs\n!docs/keep.txt', 'docs/other.txt')).toBe(true);
  });
  it('skips comments and blank lines; escapes work', () => {
    expect(ignored('# *.txt\n\n', 'a.txt')).toBe(false);
    expect(ignored('\\#file', '#file')).toBe(true);
  });
  it('only skips a directory when no ! line could bring something back', () => {
    expect(canSkipDirectory(parseDockerignore('docs'), 'docs')).toBe(true);
    expect(canSkipDirectory(parseDockerignore('docs\n!docs/keep'), 'docs')).toBe(false);
  });
});

describe('what never goes into a context', () => {
  it('refuses version-control data and key files by name', () => {
    expect(neverSendByPath('.git', true)).toBe('version-control');
    expect(neverSendByPath('sub/.git/config', false)).toBe('version-control');
    expect(neverSendByPath('keys/id_rsa', false)).toBe('private-key-name');
    expect(neverSendByPath('keys/id_ed25519.pub', false)).toBeUndefined();
    expect(neverSendByPath('src/main.py', false)).toBeUndefined();
    expect(neverSendByPath('certs/client.p12', false)).toBe('private-key-name');
    expect(neverSendByPath('certs/CLIENT.PFX', false)).toBe('private-key-name');
  });
  it('recognises private keys by content', () => {
    expect(looksLikePrivateKey('-----BEGIN RSA PRIVATE KEY-----\nMII')).toBe(true);
    expect(looksLikePrivateKey('\n-----BEGIN OPENSSH PRIVATE KEY-----')).toBe(true);
    expect(looksLikePrivateKey('-----BEGIN PRIVATE KEY-----')).toBe(true);
    expect(looksLikePrivateKey('-----BEGIN ENCRYPTED PRIVATE KEY-----')).toBe(true);
    expect(looksLikePrivateKey('-----BEGIN CERTIFICATE-----')).toBe(false);
    expect(looksLikePrivateKey('-----BEGIN PUBLIC KEY-----\nMII')).toBe(false);
  });
  it('finds a private key anywhere in the first bytes, not only at the start', () => {
    const key = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';
    expect(looksLikePrivateKey(`-----BEGIN CERTIFICATE-----\nMIID\n-----END CERTIFICATE-----\n${key}`)).toBe(true);
    expect(looksLikePrivateKey(`Bag Attributes\n    localKeyID: 01 02\nKey Attributes: <No Attributes>\n${key}`)).toBe(true);
    expect(looksLikePrivateKey(`\u00ef\u00bb\u00bf${key}`)).toBe(true); // a UTF-8 BOM read as latin1
    expect(looksLikePrivateKey(`# ${'x'.repeat(300)}\n${key}`)).toBe(true);
    expect(looksLikePrivateKey('-----BEGIN PGP PRIVATE KEY BLOCK-----\n')).toBe(true);
    expect(looksLikePrivateKey('PuTTY-User-Key-File-3: ssh-ed25519\n')).toBe(true);
    expect(looksLikePrivateKey('-----BEGIN PGP PUBLIC KEY BLOCK-----\n')).toBe(false);
  });
  it('warns about large contexts', () => {
    expect(contextWarnings(10, 1000)).toEqual([]);
    expect(contextWarnings(10, 500 * 1024 * 1024)[0]).toMatch(/500 MiB/);
  });
});
