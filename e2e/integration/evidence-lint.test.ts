import { afterAll, describe, expect, it } from 'vitest';
import { lintCommand } from '../../electron/cli/commands/lint-command';
import { evidenceHarness, folderWith } from './evidence-harness';

/** A Dockerfile check tied to a project completes the wizard's Dockerfile step by itself (issue #7). */
describe('lint evidence', () => {
  const h = evidenceHarness();
  afterAll(() => h.dispose());

  async function starterContext(): Promise<string> {
    const { text, report } = await h.ctx.call('lint.starter', {
      component: 'neutron-server',
      rhospVersion: '16.2',
      vendor: 'Acme',
      pluginName: 'acme-neutron',
      maintainer: 'dev@acme.example',
      version: '1.0',
      release: '1',
      packageSource: { kind: 'rpm', rpmFile: 'acme-neutron.rpm' },
      licenseFile: 'LICENSE',
    });
    expect(report.passed).toBe(true);
    return folderWith({ Dockerfile: text, LICENSE: 'Apache License 2.0\n', 'acme-neutron.rpm': 'not really an rpm' });
  }

  it('records nothing without a project', async () => {
    const dir = await starterContext();
    await h.ctx.call('lint.file', { path: `${dir}/Dockerfile` });
    expect(h.evidence('lint')).toHaveLength(0);
    expect(h.wizardStep('dockerfile').done).toBe(false);
  });

  it('records a failing check without completing the step', async () => {
    const dir = folderWith({ Dockerfile: 'FROM ubuntu:latest\nUSER root\n' });
    const result = await h.ctx.call('lint.file', { path: `${dir}/Dockerfile`, projectId: h.projectId });
    expect(result.report.passed).toBe(false);
    const [event] = h.evidence('lint');
    expect(event).toMatchObject({ kind: 'lint', subject: result.file, passed: false });
    expect(event?.summary).toMatch(/^Failed: [1-9]\d* errors/);
    expect(h.wizardStep('dockerfile').done).toBe(false);
  });

  it('completes the wizard step from a passing check, named by the project name through the CLI', async () => {
    const dir = await starterContext();
    const code = await lintCommand.run(['--project', 'acme-neutron', '--format', 'json', `${dir}/Dockerfile`], h.ctx);
    expect(code).toBe(0);
    const passing = h.evidence('lint').filter((e) => e.passed);
    expect(passing).toHaveLength(1);
    expect(passing[0]).toMatchObject({ subject: `${dir}/Dockerfile`, data: { errors: 0, baseImage: expect.stringContaining('registry.redhat.io') } });
    expect(h.wizardStep('dockerfile')).toMatchObject({ done: true, by: 'evidence' });
    // The checklist's "package and test" item also needs a passing scan: the lint alone does not complete it.
    expect(h.checklistStatus('package-and-test').status).not.toBe('done');
    expect(h.checklistStatus('package-and-test').evidence[0]).toMatch(/^Dockerfile check passed/);
  });
});
