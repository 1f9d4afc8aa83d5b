import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/app-error';
import type { Keychain } from './os-keychain';
import { SecretsService } from './secrets-service';

class FakeKeychain implements Keychain {
  readonly backend = 'secret-service' as const;
  readonly items = new Map<string, string>();
  broken = false;
  /** Like gnome-keyring's locked collection without a prompter (checked against the real one in e2e/integration/secrets-locked.test.ts). */
  locked = false;
  /** An unlock prompt nobody answers: calls never settle. */
  hanging = false;
  private check() {
    if (this.broken) throw new Error('DBus error: Failed to connect to socket');
    if (this.hanging) return new Promise<never>(() => undefined);
    return undefined;
  }
  private refuseLocked() {
    if (this.locked) throw new Error("Couldn't access platform storage: Secret Service: unlock prompt was dismissed");
  }
  async get(a: string) {
    await this.check();
    // A locked collection answers "not found" for a missing entry and refuses existing ones.
    if (this.items.has(a)) this.refuseLocked();
    return this.items.get(a);
  }
  async set(a: string, v: string) {
    await this.check();
    this.refuseLocked();
    this.items.set(a, v);
  }
  async delete(a: string) {
    await this.check();
    this.refuseLocked();
    return this.items.delete(a);
  }
}

describe('SecretsService', () => {
  let dir: string;
  let keychain: FakeKeychain;
  let service: SecretsService;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'certdesk-secrets-'));
    keychain = new FakeKeychain();
    service = new SecretsService({ dataDir: dir, keychain });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores in the keychain and indexes names, never values', async () => {
    await service.set('registry-key:acme', 'value-one', { project: 'acme' });
    expect(await service.get('registry-key:acme')).toBe('value-one');
    const list = await service.list();
    expect(list.map((s) => [s.name, s.storage, s.project])).toEqual([['registry-key:acme', 'keychain', 'acme']]);
    expect(list[0]?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    const index = readFileSync(join(dir, 'secrets-index.json'), 'utf8');
    expect(index.includes('value-one')).toBe(false);
  });

  it('keeps createdAt on overwrite and changes the fingerprint', async () => {
    await service.set('registry-key:acme', 'a');
    const [first] = await service.list();
    await service.set('registry-key:acme', 'b');
    const [second] = await service.list();
    expect(second?.createdAt).toBe(first?.createdAt);
    expect(second?.fingerprint).not.toBe(first?.fingerprint);
  });

  it('deletes a project in one call', async () => {
    await service.set('registry-key:acme', 'a');
    await service.set('deploy-key:acme-1', 'k', { project: 'acme' });
    await service.set('deploy-key:other-1', 'k', { project: 'other' });
    expect((await service.deleteProject('acme')).sort()).toEqual(['deploy-key:acme-1', 'registry-key:acme']);
    expect((await service.list()).map((s) => s.name)).toEqual(['deploy-key:other-1']);
  });

  it('without a keychain refuses, writes nothing, and holds in memory only after the opt-in', async () => {
    keychain.broken = true;
    const status = await service.status();
    expect(status.available).toBe(false);
    expect(status.hint).toMatch(/gnome-keyring/);
    expect(status.reason).toBe('missing');
    await expect(service.set('registry-key:acme', 'v')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect(readdirSync(dir)).toEqual([]);
    await service.useSessionMemory(true);
    await service.set('registry-key:acme', 'v', { project: 'acme' });
    expect(await service.get('registry-key:acme')).toBe('v');
    expect((await service.list())[0]?.storage).toBe('session');
    expect(readdirSync(dir)).toEqual([]);
    expect(await service.delete('registry-key:acme')).toBe(true);
    expect(await service.get('registry-key:acme')).toBeUndefined();
  });

  it('a locked keychain: the status says locked and how to unlock, nothing is written, session memory still works', async () => {
    await service.set('registry-key:before', 'stored-before-locking');
    keychain.locked = true;
    const status = await service.status();
    expect(status).toMatchObject({ available: false, reason: 'locked', sessionMemory: false });
    expect(status.message).toMatch(/locked/);
    expect(status.hint).toMatch(/Passwords and Keys/);
    expect(status.hint).toMatch(/memory for this session/);
    await expect(service.assertWritable()).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', details: { reason: 'locked' } });
    await expect(service.get('registry-key:before')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    await expect(service.set('registry-key:acme', 'v')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    const indexBefore = readFileSync(join(dir, 'secrets-index.json'), 'utf8');
    await service.useSessionMemory(true);
    await service.set('registry-key:acme', 'session-value', { project: 'acme' });
    expect((await service.info('registry-key:acme'))?.storage).toBe('session');
    expect(readFileSync(join(dir, 'secrets-index.json'), 'utf8')).toBe(indexBefore);
    expect(keychain.items.has('certdesk-probe:availability')).toBe(false);
  });

  it('a keychain that never answers (an unlock prompt nobody sees) is reported within the timeout', async () => {
    const slow = new SecretsService({ dataDir: dir, keychain, keychainTimeoutMs: 50 });
    keychain.hanging = true;
    const status = await slow.status();
    expect(status).toMatchObject({ available: false, reason: 'timeout' });
    expect(status.hint).toMatch(/Unlock the "Login" keyring/);
    await expect(slow.set('registry-key:acme', 'v')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', details: { reason: 'timeout' } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses names outside the namespaces', async () => {
    await expect(service.set('password', 'v')).rejects.toBeInstanceOf(AppError);
  });
});
