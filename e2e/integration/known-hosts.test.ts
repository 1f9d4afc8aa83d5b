import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from './build-cli';
import { certdesk } from './secrets-cli-helpers';
// @ts-expect-error plain JS test-service starter
import { startSshd } from '../services/sshd.mjs';
// @ts-expect-error plain JS test-service starter
import { freePort } from '../services/service-utils.mjs';

const env = process.env;
const ready = env.CERTDESK_TEST_SECRET_SERVICE === '1' && !!env.CERTDESK_TEST_ROOT;

interface Sshd {
  user: string;
  repo: string;
  authorizedKeys: string;
  env: { CERTDESK_TEST_SSH_HOST_FINGERPRINT: string };
  stop(): Promise<void>;
}

interface KnownHostRow {
  entry: string;
  host: string;
  port: number;
  fingerprint: string;
}

/** A host key changes for real (sshd restarted with new keys): refused, forgotten, then accepted anew. */
describe.skipIf(!ready)('known hosts: forgetting a host after its key changed (real OpenSSH)', () => {
  // A data folder of its own, so the list holds only this test's hosts.
  const home = mkdtempSync(join(env.TMPDIR ?? '/tmp', 'known-hosts-home-'));
  const cli = (args: string[]) => certdesk(args, { env: { CERTDESK_HOME: home } });
  const root = env.CERTDESK_TEST_ROOT as string;

  beforeAll(buildCli, 120_000);

  it('refuses a changed key and names the way out; after forget, accept-new works again', async () => {
    const port = (await freePort()) as number;
    const entry = `[127.0.0.1]:${port}`;
    const keygen = await cli(['keygen', '--project', 'knownhosts', '--bits', '3072', '--format', 'json']);
    expect(keygen.code).toBe(0);
    const key = JSON.parse(keygen.stdout) as { id: string; publicKey: string };

    const first = (await startSshd(root, { port, name: 'sshd-kh-first', hostKeyDir: join(root, 'kh-hostkeys-first') })) as Sshd;
    const url = `ssh://${first.user}@127.0.0.1:${port}${first.repo}`;
    const firstFingerprint = first.env.CERTDESK_TEST_SSH_HOST_FINGERPRINT;
    try {
      appendFileSync(first.authorizedKeys, `${key.publicKey}\n`);
      expect((await cli(['check-repo', url, '--key', key.id, '--accept-new-host-key'])).code).toBe(0);
    } finally {
      await first.stop();
    }
    const listed = await cli(['known-hosts', 'list', '--format', 'json']);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout) as KnownHostRow[]).toMatchObject([{ entry, host: '127.0.0.1', port, fingerprint: firstFingerprint }]);
    const text = await cli(['known-hosts', 'list']);
    expect(text.stdout).toContain(entry);

    const second = (await startSshd(root, { port, name: 'sshd-kh-second', hostKeyDir: join(root, 'kh-hostkeys-second') })) as Sshd;
    const secondFingerprint = second.env.CERTDESK_TEST_SSH_HOST_FINGERPRINT;
    expect(secondFingerprint).not.toBe(firstFingerprint);
    try {
      appendFileSync(second.authorizedKeys, `${key.publicKey}\n`);
      const changed = await cli(['check-repo', url, '--key', key.id, '--accept-new-host-key', '--format', 'json']);
      expect(changed.code).toBe(1);
      const refused = JSON.parse(changed.stdout) as { error: { code: string; hint: string } };
      expect(refused.error.code).toBe('REPO_HOST_KEY_CHANGED');
      expect(refused.error.hint).toContain(`certdesk known-hosts forget ${entry}`);
      expect(refused.error.hint).toContain('Keys page');

      // The same spelling the hint prints, and the short host:port one, both name the entry.
      const forgot = await cli(['known-hosts', 'forget', `127.0.0.1:${port}`, '--format', 'json']);
      expect(forgot.code).toBe(0);
      expect(JSON.parse(forgot.stdout)).toMatchObject({ entry, forgotten: { entry, fingerprint: firstFingerprint } });
      const again = await cli(['known-hosts', 'forget', entry]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('not a known host');
      expect(JSON.parse((await cli(['known-hosts', 'list', '--format', 'json'])).stdout)).toEqual([]);

      // Forgotten means first use again: asked, not trusted silently...
      const unknown = await cli(['check-repo', url, '--key', key.id, '--format', 'json']);
      expect(unknown.code).toBe(1);
      expect((JSON.parse(unknown.stdout) as { error: { code: string } }).error.code).toBe('REPO_HOST_KEY_UNKNOWN');
      // ...and accepted when asked to.
      const accepted = await cli(['check-repo', url, '--key', key.id, '--accept-new-host-key', '--format', 'json']);
      expect(accepted.code).toBe(0);
      const result = (JSON.parse(accepted.stdout) as { result: { hostKey: { status: string; fingerprint: string } } }).result;
      expect(result.hostKey).toMatchObject({ status: 'added', fingerprint: secondFingerprint });
    } finally {
      await second.stop();
    }
    const pinned = JSON.parse(readFileSync(join(home, 'known-hosts.json'), 'utf8')) as { hosts: Record<string, { fingerprint: string }> };
    expect(pinned.hosts[entry]?.fingerprint).toBe(secondFingerprint);

    expect((await cli(['known-hosts', 'forget', 'not a host'])).code).toBe(2);
    expect((await cli(['secrets', 'delete-project', 'knownhosts'])).code).toBe(0);
  });
});
