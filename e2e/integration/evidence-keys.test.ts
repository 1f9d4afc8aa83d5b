import { appendFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeployKeyInfo } from '@shared/contract/secrets';
import { evidenceHarness } from './evidence-harness';

const env = process.env;
const ready = env.CERTDESK_TEST_SECRET_SERVICE === '1' && !!env.CERTDESK_TEST_GIT_URL && !!env.CERTDESK_TEST_SSH_AUTHORIZED_KEYS;

/** The automated build service item completes from a deploy key that a repository check verified (real sshd + keychain). */
describe.skipIf(!ready)('deploy key and repository check evidence', () => {
  const h = evidenceHarness({ name: 'acme-keys' });
  const url = env.CERTDESK_TEST_GIT_URL as string;
  let key: DeployKeyInfo;
  afterAll(async () => {
    if (key) await h.ctx.call('keys.delete', { id: key.id });
    h.dispose();
  });

  it('records a generated key, which alone does not complete the item', async () => {
    key = await h.ctx.run('keys.generate', { project: 'acme-keys', bits: 3072 });
    const [event] = h.evidence('deploy-key');
    expect(event).toMatchObject({ subject: key.id, passed: true, data: { fingerprint: key.fingerprint, bits: 3072, origin: 'generated' } });
    expect(JSON.stringify(h.project())).not.toContain('PRIVATE KEY');
    await h.ctx.call('project.setBuildService', { projectId: h.projectId, repositoryUrl: url });
    expect(h.checklistStatus('automated-build-service').status).not.toBe('done');
    expect(h.wizardStep('build').done).toBe(false);
  });

  it('records a refused repository check as failed, and the item stays open', async () => {
    await expect(h.ctx.call('repo.check', { url, keyId: key.id, acceptNewHostKey: true })).rejects.toThrow();
    const [refused] = h.evidence('repo-check');
    expect(refused).toMatchObject({ subject: url, passed: false, data: { keyId: key.id } });
    expect(h.checklistStatus('automated-build-service').status).not.toBe('done');
  });

  it('completes the checklist item and the wizard build step once the key reads the repository', async () => {
    appendFileSync(env.CERTDESK_TEST_SSH_AUTHORIZED_KEYS as string, `${key.publicKey}\n`);
    // The key's project names the CertDesk project: no projectId needed.
    const result = await h.ctx.call('repo.check', { url, keyId: key.id, acceptNewHostKey: true });
    expect(result.transport).toBe('ssh');
    const passed = h.evidence('repo-check').filter((e) => e.passed);
    expect(passed).toHaveLength(1);
    expect(passed[0]).toMatchObject({ subject: result.url, data: { transport: 'ssh', keyId: key.id, branches: result.branches! } });
    expect(h.storedChecklist('automated-build-service')).toMatchObject({ status: 'done', completedBy: 'evidence' });
    expect(h.checklistStatus('automated-build-service').evidence[0]).toContain(key.fingerprint);
    expect(h.wizardStep('build')).toMatchObject({ done: true, by: 'evidence' });
  });
});
