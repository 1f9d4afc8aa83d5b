import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SecretsService } from '../../electron/main/services/secrets/secrets-service';
import { buildCli } from './build-cli';
import { certdesk, filesContaining } from './secrets-cli-helpers';

const haveSecretService = process.env.CERTDESK_TEST_SECRET_SERVICE === '1';
const tmp = () => mkdtempSync(join(process.env.TMPDIR ?? '/tmp', 'secrets-'));

describe.skipIf(!haveSecretService)('secrets in the real Secret Service (gnome-keyring)', () => {
  beforeAll(buildCli, 120_000);

  it('stores, reads, lists, overwrites and deletes; the index holds no value', async () => {
    const dataDir = tmp();
    const service = new SecretsService({ dataDir, serviceName: 'CertDesk-test' });
    expect((await service.status()).available).toBe(true);
    const value = `rk-${Math.random().toString(36).slice(2)}-${Date.now()}`;
    await service.set('registry-key:acme', value, { project: 'acme' });
    // A second service object (another process would do the same) reads it back from the keychain.
    const again = new SecretsService({ dataDir, serviceName: 'CertDesk-test' });
    expect((await again.get('registry-key:acme')) === value).toBe(true);
    const [info] = await again.list();
    expect(info).toMatchObject({ name: 'registry-key:acme', storage: 'keychain', project: 'acme' });
    await again.set('registry-key:acme', `${value}-2`);
    expect((await again.get('registry-key:acme')) === `${value}-2`).toBe(true);
    const [updated] = await again.list();
    expect(updated?.createdAt).toBe(info?.createdAt);
    expect(updated?.fingerprint).not.toBe(info?.fingerprint);
    expect(filesContaining(dataDir, [value])).toEqual([]);
    expect(await again.delete('registry-key:acme')).toBe(true);
    expect(await again.get('registry-key:acme')).toBeUndefined();
    expect(await again.list()).toEqual([]);
    expect(await again.delete('registry-key:acme')).toBe(false);
  });

  it('without a Secret Service: KEYCHAIN_UNAVAILABLE with a fix, nothing written', async () => {
    // The keyring library keeps its D-Bus connection per process, so the absence is shown in a child
    // process (the real CLI) with a bus address where nothing listens. The in-memory opt-in is unit-tested.
    const deadBus = { DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(tmp(), 'no-bus-here')}` };
    const home = tmp();
    // The child gets a temp folder of its own: other tests' fixtures (TLS keys, ignored deploy.pem) live in the shared one.
    const childTmp = tmp();
    const env = { ...deadBus, CERTDESK_HOME: home, TMPDIR: childTmp };
    const status = await certdesk(['secrets', 'status', '--format', 'json'], { env });
    expect(status.code).toBe(1);
    expect(JSON.parse(status.stdout)).toMatchObject({ available: false });
    const keygen = await certdesk(['keygen', '--project', 'acme', '--bits', '3072'], { env });
    expect(keygen.code).toBe(2);
    expect(keygen.stderr).toContain('The OS keychain is not available');
    expect(keygen.stderr).toContain('gnome-keyring');
    expect(existsSync(join(home, 'secrets-index.json'))).toBe(false);
    // A PEM body starts with "MII" (a DER SEQUENCE); source files that merely name the armor don't match.
    const pemBody = ['PRIVATE KEY-----\nMII'];
    expect(filesContaining(home, pemBody)).toEqual([]);
    expect(filesContaining(childTmp, pemBody)).toEqual([]);
  });
});
