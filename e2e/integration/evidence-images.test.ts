import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '@shared/contract/scan';
import { draftSupportCase } from '@shared/certification/help-content';
import { evidenceHarness, folderWith } from './evidence-harness';

const env = process.env;
const REGISTRY = env.CERTDESK_TEST_REGISTRY as string;
const KEY = env.CERTDESK_TEST_REGISTRY_KEY as string;
const BASE = env.CERTDESK_TEST_BASE_IMAGE as string;
const PID = 'p0e1de0ce0e0a1b2c3d4e5f6071829304';
const ready = !!env.CERTDESK_TEST_DOCKER_HOST && !!REGISTRY && !!KEY && env.CERTDESK_TEST_SECRET_SERVICE === '1';

/** Build, login, push and scan tied to a project, against the real engine, registry and keychain. */
describe.skipIf(!ready)('build, login, push and scan evidence', () => {
  const h = evidenceHarness({ name: 'acme-images', registryPid: PID, imageName: 'acme-neutron' });
  afterAll(async () => {
    await h.ctx.call('registry.logout', { registry: REGISTRY, projectId: PID }).catch(() => undefined);
    h.dispose();
  });

  it('records a build with its tag and base image', async () => {
    const dir = folderWith({ Dockerfile: `ARG BASE=${BASE}\nFROM $BASE\nRUN echo evidence > /evidence.txt\n` });
    const result = await h.ctx.run('build.start', { contextDir: dir, tags: ['acme-neutron:1.0-1'], buildArgs: {}, noCache: true, pull: false, projectId: h.projectId });
    const [event] = h.evidence('build');
    expect(event).toMatchObject({ subject: 'acme-neutron:1.0-1', tag: '1.0-1', passed: true, data: { imageId: result.imageId, baseImage: BASE } });
    expect(h.project().images.find((i) => i.tag === '1.0-1')).toMatchObject({ baseImage: BASE, builtAt: event!.at });
    expect(h.wizardStep('build')).toMatchObject({ done: true, by: 'evidence' });
  });

  it('records a failed build as failed', async () => {
    const dir = folderWith({ Dockerfile: `FROM ${BASE}\nRUN exit 3\n` });
    await expect(h.ctx.run('build.start', { contextDir: dir, tags: ['acme-neutron:1.0-2'], buildArgs: {}, noCache: true, pull: false, projectId: h.projectId })).rejects.toThrow();
    expect(h.evidence('build').at(-1)).toMatchObject({ subject: 'acme-neutron:1.0-2', passed: false });
  });

  it('records logins by pid, failed and passed, and never the key', async () => {
    await expect(h.ctx.call('registry.login', { registry: REGISTRY, projectId: PID, key: 'not-the-key', store: false })).rejects.toThrow();
    await h.ctx.call('registry.login', { registry: REGISTRY, projectId: PID, key: KEY, store: true });
    const logins = h.evidence('login');
    expect(logins.map((e) => e.passed)).toEqual([false, true]);
    expect(logins[1]).toMatchObject({ subject: REGISTRY, data: { stored: true } });
    const settings = readFileSync(`${h.dataDir}/config.json`, 'utf8');
    expect(settings).not.toContain(KEY);
  });

  it('records the pushed digest in the picked project and completes the upload step', async () => {
    const target = { endpoint: REGISTRY, projectId: PID, image: 'acme-neutron', tag: '1.0-1' };
    const pushed = await h.ctx.run('image.push', { source: 'acme-neutron:1.0-1', target, force: false, retries: 1, projectId: h.projectId });
    const [event] = h.evidence('push');
    expect(event).toMatchObject({ passed: true, digest: pushed.digest, tag: '1.0-1' });
    expect(h.project().images.find((i) => i.tag === '1.0-1')).toMatchObject({ digest: pushed.digest });
    expect(h.wizardStep('upload')).toMatchObject({ done: true, by: 'evidence' });
  });

  it('records a scan with its grade estimate and the stored report the support case attaches', async () => {
    const report: ScanReport = await h.ctx.run('scan.start', { source: { kind: 'engine', ref: 'acme-neutron:1.0-1' }, profile: 'connect', projectId: h.projectId });
    const [event] = h.evidence('scan');
    expect(event).toMatchObject({ subject: report.image, passed: report.passed, data: { scanId: report.id } });
    const reportRef = event!.data!.reportRef as string;
    expect(existsSync(reportRef)).toBe(true);
    expect((JSON.parse(readFileSync(reportRef, 'utf8')) as ScanReport).id).toBe(report.id);
    if (report.health && report.health.grade !== 'unknown') expect(event!.data!.grade).toBe(report.health.grade);
    expect(event!.data!.failedChecks).toBe(report.checks.filter((c) => c.status === 'failed').map((c) => c.name).join(','));
    const draft = draftSupportCase(h.services.projects.profile(), h.project(), 'Scan fails', '');
    expect(draft.attachment).toBe(reportRef);
  });
});
