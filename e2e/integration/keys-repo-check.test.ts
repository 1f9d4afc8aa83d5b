import { execFile } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretsService } from '../../electron/main/services/secrets/secrets-service';
import { buildCli } from './build-cli';
import { capturedOutput, certdesk, filesContaining, pemNeedles, sha256 } from './secrets-cli-helpers';
// @ts-expect-error plain JS test-service starter
import { startSshd } from '../services/sshd.mjs';
// @ts-expect-error plain JS test-service starter
import { freePort } from '../services/service-utils.mjs';

const run = promisify(execFile);
const env = process.env;
const ready = env.CERTDESK_TEST_SECRET_SERVICE === '1' && !!env.CERTDESK_TEST_GIT_URL && !!env.CERTDESK_HOME;
/** Exports are written outside the searched folders and removed after use. */
const exportsDir = join(env.CERTDESK_TEST_ROOT ?? '/tmp', 'exports');

interface Generated {
  id: string;
  publicKey: string;
  fingerprint: string;
}

async function keygen(project: string, bits = 3072): Promise<Generated> {
  const r = await certdesk(['keygen', '--project', project, '--bits', String(bits), '--format', 'json']);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Generated;
}

async function exportPem(id: string): Promise<string> {
  mkdirSync(exportsDir, { recursive: true, mode: 0o700 });
  const file = join(exportsDir, `${id}.pem`);
  const r = await certdesk(['key', 'export', id, '--out', file]);
  expect(r.code).toBe(0);
  const pem = readFileSync(file, 'utf8');
  return pem;
}

const pemsSeen: string[] = [];
let registryKey = '';

describe.skipIf(!ready)('deploy keys and the repository check against real OpenSSH', () => {
  beforeAll(buildCli, 120_000);
  afterAll(() => rmSync(exportsDir, { recursive: true, force: true }));

  it('generates an RSA key whose PEM passes openssl and matches ssh-keygen -y', async () => {
    const key = await keygen('acme', 4096);
    expect(key.publicKey).toMatch(/^ssh-rsa AAAA[A-Za-z0-9+/=]+ certdesk-acme$/);
    expect(key.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const pem = await exportPem(key.id);
    pemsSeen.push(pem);
    expect(pem.startsWith('-----BEGIN RSA PRIVATE KEY-----\n')).toBe(true);
    expect(pem.endsWith('-----END RSA PRIVATE KEY-----\n')).toBe(true);
    const file = join(exportsDir, `${key.id}.pem`);
    expect((await import('node:fs')).statSync(file).mode & 0o777).toBe(0o600);
    await run('openssl', ['rsa', '-check', '-noout', '-in', file]);
    const { stdout: derived } = await run('ssh-keygen', ['-y', '-f', file]);
    expect(derived.trim().split(' ').slice(0, 2).join(' ')).toBe(key.publicKey.split(' ').slice(0, 2).join(' '));
    const { stdout: listed } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', file]);
    expect(listed.split(' ')[1]).toBe(key.fingerprint);
    const shown = await certdesk(['key', 'show', key.id, '--format', 'json']);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: key.id, bits: 4096, publicKey: key.publicKey });
  });

  it('imports ssh-keygen RSA keys (OpenSSH format), with and without a passphrase; refuses Ed25519', async () => {
    const dir = mkdtempSync(join(exportsDir, 'ssh-keygen-'));
    const plain = join(dir, 'id_rsa');
    await run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '3072', '-N', '', '-C', 'made-by-ssh-keygen', '-f', plain]);
    expect(readFileSync(plain, 'utf8')).toContain('BEGIN OPENSSH PRIVATE KEY');
    const imported = await certdesk(['key', 'import', '--project', 'acme', plain, '--format', 'json']);
    expect(imported.code).toBe(0);
    const key = JSON.parse(imported.stdout) as Generated;
    const original = readFileSync(`${plain}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    expect(key.publicKey.split(' ').slice(0, 2).join(' ')).toBe(original);
    const pem = await exportPem(key.id);
    pemsSeen.push(pem);
    expect(pem.startsWith('-----BEGIN RSA PRIVATE KEY-----\n')).toBe(true);
    await run('openssl', ['rsa', '-check', '-noout', '-in', join(exportsDir, `${key.id}.pem`)]);

    // From stdin too (the paste path).
    const viaStdin = await certdesk(['key', 'import', '--project', 'acme', '-', '--format', 'json'], { input: readFileSync(plain, 'utf8') });
    expect(viaStdin.code).toBe(0);

    const locked = join(dir, 'id_rsa_pw');
    await run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '3072', '-N', 'correct horse', '-f', locked]);
    const asked = await certdesk(['key', 'import', '--project', 'acme', locked]);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('protected by a passphrase');
    const wrong = await certdesk(['key', 'import', '--project', 'acme', locked, '--passphrase-stdin'], { input: 'wrong\n' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('does not open this key');
    const opened = await certdesk(['key', 'import', '--project', 'acme', locked, '--passphrase-stdin', '--format', 'json'], { input: 'correct horse\n' });
    expect(opened.code).toBe(0);
    const lockedPub = readFileSync(`${locked}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
    const openedKey = JSON.parse(opened.stdout) as Generated;
    expect(openedKey.publicKey.startsWith(lockedPub)).toBe(true);
    pemsSeen.push(await exportPem(openedKey.id));

    const ed = join(dir, 'id_ed25519');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', ed]);
    const refused = await certdesk(['key', 'import', '--project', 'acme', ed]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Ed25519');
    expect(refused.stderr).toContain('RSA');
  });

  it('checks the repository: key works, another key refused, wrong path not found', async () => {
    const key = await keygen('acme');
    appendFileSync(env.CERTDESK_TEST_SSH_AUTHORIZED_KEYS as string, `${key.publicKey}\n`);
    const url = env.CERTDESK_TEST_GIT_URL as string;

    const unknownHost = await certdesk(['check-repo', url, '--key', key.id]);
    expect(unknownHost.code).toBe(1);
    expect(unknownHost.stderr).toContain(env.CERTDESK_TEST_SSH_HOST_FINGERPRINT as string);

    const ok = await certdesk(['check-repo', url, '--key', key.id, '--accept-new-host-key', '--format', 'json']);
    expect(ok.code).toBe(0);
    const result = JSON.parse(ok.stdout) as { ok: boolean; result: { summary: string; branches: number; defaultBranch: string; hostKey: { fingerprint: string } } };
    expect(result.result.summary).toBe('key works, 2 branches, default branch main');
    expect(result.result.hostKey.fingerprint).toBe(env.CERTDESK_TEST_SSH_HOST_FINGERPRINT);

    const again = await certdesk(['check-repo', url, '--key', key.id]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('key works, 2 branches, default branch main');

    const other = await keygen('other');
    const refused = await certdesk(['check-repo', url, '--key', other.id, '--format', 'json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error.code).toBe('REPO_KEY_REFUSED');

    const missing = await certdesk(['check-repo', url.replace(/plugin\.git$/, 'nope.git'), '--key', key.id, '--format', 'json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout).error.code).toBe('REPO_NOT_FOUND');

    const https = await certdesk(['check-repo', 'https://github.com/acme/plugin.git']);
    expect(https.code).toBe(0);
    expect(https.stdout).toContain('Public');

    const usage = await certdesk(['check-repo']);
    expect(usage.code).toBe(2);
  });

  it('refuses a host whose key changed between two runs', async () => {
    const root = env.CERTDESK_TEST_ROOT as string;
    const port = (await freePort()) as number;
    const first = await startSshd(root, { port, name: 'sshd-first', hostKeyDir: join(root, 'hostkeys-first') });
    const key = await keygen('acme');
    appendFileSync(first.authorizedKeys as string, `${key.publicKey}\n`);
    const url = `ssh://${first.user}@127.0.0.1:${port}${first.repo}`;
    try {
      const ok = await certdesk(['check-repo', url, '--key', key.id, '--accept-new-host-key']);
      expect(ok.code).toBe(0);
    } finally {
      await first.stop();
    }
    const second = await startSshd(root, { port, name: 'sshd-second', hostKeyDir: join(root, 'hostkeys-second') });
    appendFileSync(second.authorizedKeys as string, `${key.publicKey}\n`);
    try {
      const changed = await certdesk(['check-repo', url, '--key', key.id, '--accept-new-host-key', '--format', 'json']);
      expect(changed.code).toBe(1);
      const body = JSON.parse(changed.stdout) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('REPO_HOST_KEY_CHANGED');
      expect(body.error.message).toContain('CHANGED');
    } finally {
      await second.stop();
    }
  });

  it('lists names and fingerprints only; deletes a project in one call', async () => {
    registryKey = `registry-${sha256(String(Date.now())).slice(0, 24)}`;
    const secrets = new SecretsService({ dataDir: env.CERTDESK_HOME as string });
    await secrets.set('registry-key:acme', registryKey, { project: 'acme' });
    const list = await certdesk(['secrets', 'list', '--format', 'json']);
    expect(list.code).toBe(0);
    const entries = JSON.parse(list.stdout) as Array<{ name: string; fingerprint: string }>;
    expect(entries.some((e) => e.name === 'registry-key:acme')).toBe(true);
    expect(entries.filter((e) => e.name.startsWith('deploy-key:acme-')).length).toBeGreaterThan(2);
    expect(list.stdout.includes(registryKey)).toBe(false);
    const del = await certdesk(['secrets', 'delete-project', 'other', '--format', 'json']);
    expect(JSON.parse(del.stdout).deleted.length).toBe(1);
  });

  it('leaves no private key or registry key in the data folder, TMPDIR, ~/.docker or CLI output', () => {
    const needles = [...pemsSeen.flatMap(pemNeedles), registryKey].filter((n) => n.length > 10);
    expect(needles.length).toBeGreaterThan(4);
    rmSync(exportsDir, { recursive: true, force: true });
    const places = [env.CERTDESK_HOME, env.TMPDIR, join(env.HOME ?? '/nonexistent', '.docker')].filter((p): p is string => !!p);
    for (const place of places) expect(filesContaining(place, needles), place).toEqual([]);
    // The only output allowed to hold a private key is `key export` without --out, which these tests never ran.
    const leaked = capturedOutput.filter((out) => needles.some((n) => out.includes(n))).length;
    expect(leaked).toBe(0);
    writeFileSync(join(env.CERTDESK_TEST_ROOT as string, 'leak-check-done'), 'ok');
  });
});
