import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KNOWN_HOSTS_FILE, KnownHosts, parseHostArgument } from './known-hosts';

describe('parseHostArgument', () => {
  it('reads host, host:port, [host]:port and IPv6, in OpenSSH entry spelling', () => {
    expect(parseHostArgument('github.com')).toEqual({ host: 'github.com', port: 22, entry: 'github.com' });
    expect(parseHostArgument('git.example.com:22')).toEqual({ host: 'git.example.com', port: 22, entry: 'git.example.com' });
    expect(parseHostArgument('127.0.0.1:2222')).toEqual({ host: '127.0.0.1', port: 2222, entry: '[127.0.0.1]:2222' });
    expect(parseHostArgument('[127.0.0.1]:2222')?.entry).toBe('[127.0.0.1]:2222');
    expect(parseHostArgument('[::1]:2222')).toEqual({ host: '::1', port: 2222, entry: '[::1]:2222' });
    expect(parseHostArgument('::1')).toEqual({ host: '::1', port: 22, entry: '::1' });
  });

  it('refuses what is not a host', () => {
    for (const bad of ['', 'host:', 'host:0', 'host:70000', 'host:ssh', '-oProxyCommand=x', 'a b', 'user@host', '[host]:x']) {
      expect(parseHostArgument(bad), bad).toBeUndefined();
    }
  });
});

describe('KnownHosts', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'certdesk-known-hosts-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists and forgets entries; a forgotten host is first use again', async () => {
    const hosts = new KnownHosts(dir);
    const key = { algorithm: 'ssh-ed25519', fingerprint: 'SHA256:abc', addedAt: '2025-01-01T00:00:00.000Z' };
    await hosts.remember('127.0.0.1', 2222, key);
    await hosts.remember('github.com', 22, { ...key, fingerprint: 'SHA256:gh' });
    expect((await hosts.list()).map((h) => [h.entry, h.host, h.port, h.fingerprint])).toEqual([
      ['[127.0.0.1]:2222', '127.0.0.1', 2222, 'SHA256:abc'],
      ['github.com', 'github.com', 22, 'SHA256:gh'],
    ]);
    expect(await hosts.forget('127.0.0.1', 2222)).toMatchObject({ entry: '[127.0.0.1]:2222', fingerprint: 'SHA256:abc' });
    expect(await hosts.lookup('127.0.0.1', 2222)).toBeUndefined();
    expect(await hosts.forget('127.0.0.1', 2222)).toBeUndefined();
    // Another instance (the engine's) reads the same file.
    expect((await new KnownHosts(dir).list()).map((h) => h.entry)).toEqual(['github.com']);
    expect(JSON.parse(readFileSync(join(dir, KNOWN_HOSTS_FILE), 'utf8'))).toMatchObject({ version: 1, hosts: { 'github.com': {} } });
  });

  it('forgetting from a damaged file is refused, not treated as empty', async () => {
    writeFileSync(join(dir, KNOWN_HOSTS_FILE), '{not json');
    await expect(new KnownHosts(dir).forget('github.com', 22)).rejects.toMatchObject({ code: 'SETTINGS_CORRUPT' });
  });
});
