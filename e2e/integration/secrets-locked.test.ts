import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretsService } from '../../electron/main/services/secrets/secrets-service';
// @ts-expect-error plain JS test-service starter
import { startSecretService } from '../services/secret-service.mjs';
import { buildCli } from './build-cli';
import { certdesk, filesContaining } from './secrets-cli-helpers';

const run = promisify(execFile);
const haveSecretService = process.env.CERTDESK_TEST_SECRET_SERVICE === '1';
const tmp = (prefix: string) => mkdtempSync(join(process.env.TMPDIR ?? '/tmp', prefix));
const LOGIN = '/org/freedesktop/secrets/collection/login';

/**
 * A locked login collection, in a Secret Service of its own: unlocking again needs an unlock prompt
 * (Service.Unlock answers with a Prompt object, and nothing here can type the password into it), so
 * the shared instance that other tests use is never locked. What gnome-keyring + @napi-rs/keyring do
 * here: a read of a missing entry answers "not found", a read of an existing entry and every write fail
 * at once with "unlock prompt was dismissed" (no prompter on this bus). Nothing unlocks silently.
 */
describe.skipIf(!haveSecretService)('secrets with a LOCKED Secret Service collection', () => {
  let stopService: (() => Promise<void>) | undefined;
  let serviceEnv: Record<string, string>;
  const home = tmp('locked-home-');
  const childTmp = tmp('locked-tmp-');
  let keyId = '';

  const dbus = (args: string[]) =>
    run('dbus-send', ['--session', '--dest=org.freedesktop.secrets', '--type=method_call', '--print-reply', ...args], {
      env: { ...process.env, ...serviceEnv },
    });
  const isLocked = async () => {
    const { stdout } = await dbus([LOGIN, 'org.freedesktop.DBus.Properties.Get', 'string:org.freedesktop.Secret.Collection', 'string:Locked']);
    return /boolean true/.test(stdout);
  };
  const cli = (args: string[]) => certdesk(args, { env: { ...serviceEnv, CERTDESK_HOME: home, TMPDIR: childTmp } });

  beforeAll(async () => {
    await buildCli();
    const service = (await startSecretService(tmp('locked-secret-service-'))) as { env: Record<string, string>; stop(): Promise<void> };
    stopService = () => service.stop();
    serviceEnv = service.env;
    // A deploy key stored while the collection is still unlocked: afterwards it must not be readable.
    const keygen = await cli(['keygen', '--project', 'locked', '--bits', '3072', '--format', 'json']);
    expect(keygen.code).toBe(0);
    keyId = (JSON.parse(keygen.stdout) as { id: string }).id;
    expect(await isLocked()).toBe(false);
    await dbus(['/org/freedesktop/secrets', 'org.freedesktop.Secret.Service.Lock', `array:objpath:${LOGIN}`]);
    expect(await isLocked()).toBe(true);
  }, 300_000);

  afterAll(async () => {
    await stopService?.();
  });

  it('the CLI says the keychain is locked and how to unlock it; keygen refuses before generating, nothing on disk', async () => {
    const status = await cli(['secrets', 'status', '--format', 'json']);
    expect(status.code).toBe(1);
    const body = JSON.parse(status.stdout) as { available: boolean; reason?: string; message?: string; hint?: string };
    expect(body).toMatchObject({ available: false, reason: 'locked', sessionMemory: false });
    expect(body.message).toContain('locked');
    expect(body.hint).toContain('Passwords and Keys');
    expect(body.hint).toContain('memory for this session');

    const indexBefore = readFileSync(join(home, 'secrets-index.json'), 'utf8');
    const keygen = await cli(['keygen', '--project', 'locked', '--bits', '3072']);
    expect(keygen.code).toBe(2);
    expect(keygen.stderr).toContain('The OS keychain is locked');
    expect(keygen.stderr).toContain('Unlock the "Login" keyring');
    expect(readFileSync(join(home, 'secrets-index.json'), 'utf8')).toBe(indexBefore);

    // The key stored before locking is refused, not read through a silent unlock, and not printed.
    const exported = await cli(['key', 'export', keyId]);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toContain('locked');
    expect(exported.stdout).not.toContain('PRIVATE KEY');
    expect(await isLocked()).toBe(true);

    const pemBody = ['PRIVATE KEY-----\nMII'];
    expect(filesContaining(home, pemBody)).toEqual([]);
    expect(filesContaining(childTmp, pemBody)).toEqual([]);
    expect(existsSync(join(home, 'secrets-index.json'))).toBe(true);
  });

  it('offers session memory: after the opt-in a secret is held in memory, never written to disk', async () => {
    // This test file runs in its own worker process, so the keyring library connects to this bus.
    process.env.DBUS_SESSION_BUS_ADDRESS = serviceEnv.DBUS_SESSION_BUS_ADDRESS;
    const dataDir = tmp('locked-data-');
    const service = new SecretsService({ dataDir, serviceName: 'CertDesk-locked-test' });
    const status = await service.status();
    expect(status).toMatchObject({ available: false, reason: 'locked', sessionMemory: false });
    await expect(service.set('registry-key:acme', 'never-stored')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });

    const value = `rk-${Math.random().toString(36).slice(2)}-${Date.now()}`;
    expect(await service.useSessionMemory(true)).toMatchObject({ available: false, sessionMemory: true });
    await service.set('registry-key:acme', value, { project: 'acme' });
    expect((await service.get('registry-key:acme')) === value).toBe(true);
    expect(await service.list()).toMatchObject([{ name: 'registry-key:acme', storage: 'session' }]);
    expect(filesContaining(dataDir, [value])).toEqual([]);
    expect(filesContaining(home, [value])).toEqual([]);
    expect(existsSync(join(dataDir, 'secrets-index.json'))).toBe(false);
    expect(await isLocked()).toBe(true);
    service.dispose();
  });
});
