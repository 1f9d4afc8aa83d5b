import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanReport } from '@shared/scan/scan-model';
import { buildRpmFixtures, type RpmFixtures } from '../fixtures/rpm/build-rpm-fixtures.mjs';
import { buildImage, LABELS_DOCKERFILE, saveImage } from '../fixtures/images/build-test-images';
import { EngineService } from '../../electron/main/services/docker/engine-service';
import { engineExportFeed, rawEndpoint } from '../../electron/main/services/scan/engine-export-feed';
import { readImageArchive } from '../../electron/main/services/scan/image-archive-reader';
import { CAPTURE_RULES, ScanService } from '../../electron/main/services/scan/scan-service';

const BASE = process.env.CERTDESK_TEST_BASE_IMAGE ?? 'certdesk-test/busybox:1';
const root = mkdtempSync(join(tmpdir(), 'certdesk-scan-it-'));
let fixtures: RpmFixtures;
let trusted: ScanService;
let untrusted: ScanService;

const status = (r: ScanReport) => Object.fromEntries(r.checks.map((c) => [c.name, c.status]));
const check = (r: ScanReport, name: string) => r.checks.find((c) => c.name === name)!;

/** The security data: a Critical fix newer than the installed plugin, and a not-affected record. */
function writeCsaf(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const doc = (cve: string, status: Record<string, string[]>, products: Array<[string, string]>) => ({
    document: { csaf_version: '2.0', category: 'csaf_vex', aggregate_severity: { text: 'Critical' }, tracking: { id: cve, initial_release_date: '2024-03-01T00:00:00Z', current_release_date: '2024-03-02T00:00:00Z' } },
    product_tree: { branches: [{ branches: products.map(([id, purl]) => ({ product: { product_id: id, product_identification_helper: { purl } } })) }] },
    vulnerabilities: [{ cve, product_status: status, threats: [{ category: 'impact', details: 'Critical' }], remediations: [{ category: 'vendor_fix', url: 'https://access.redhat.com/errata/RHSA-2024:0101' }] }],
  });
  writeFileSync(join(dir, 'cve-2024-0001.json'), JSON.stringify(doc('CVE-2024-0001', { fixed: ['neutron-plugin-acme-1:1.2.3-5.el9.noarch'] }, [['neutron-plugin-acme-1:1.2.3-5.el9.noarch', 'pkg:rpm/redhat/neutron-plugin-acme@1.2.3-5.el9?arch=noarch&epoch=1']])));
  writeFileSync(join(dir, 'cve-2024-0002.json'), JSON.stringify(doc('CVE-2024-0002', { known_not_affected: ['redhat-release'] }, [['redhat-release', 'pkg:rpm/redhat/redhat-release']])));
}

const rootfsFiles = () => ({ rootfs: { copyDir: fixtures.sqlite.rootfs }, 'licenses/LICENSE': 'Apache License 2.0\n' });
const GOOD = (extra = '') => `FROM ${BASE}\nCOPY rootfs/ /\nCOPY licenses/ /licenses/\n${LABELS_DOCKERFILE}\n${extra}\nUSER 1001\n`;

async function scanRef(ref: string, profile: 'connect' | 'preflight' = 'connect', service = trusted, vulnsPath?: string): Promise<ScanReport> {
  return service.scan({ source: { kind: 'engine', ref }, profile, ...(vulnsPath ? { vulnsPath } : {}) });
}

beforeAll(async () => {
  fixtures = await buildRpmFixtures(join(root, 'rpm'));
  const engine = new EngineService({ env: process.env });
  trusted = new ScanService({ dataDir: join(root, 'data'), env: process.env, engine, extraReleaseKeys: [fixtures.keyId] });
  untrusted = new ScanService({ dataDir: join(root, 'data2'), env: {}, engine });
  await buildImage('scan-good:1.0-1', GOOD(), rootfsFiles());
});

describe('scan of images in the private engine', () => {
  it('a good image passes the label, user, license, tag, layer, RPM and RHEL checks; kernel packages fail', async () => {
    const r = await scanRef('scan-good:1.0-1');
    expect(status(r)).toMatchObject({
      has_licenses: 'passed',
      not_running_privileged: 'passed',
      rpm_list_successful: 'passed',
      rpm_verify_successful: 'passed',
      is_rhel: 'passed',
      vendor_label_exists: 'passed',
      free_of_critical_vulnerabilities: 'not-evaluated',
      good_tags: 'passed',
      good_layer_count: 'passed',
      release_label_exists: 'passed',
      not_running_as_root: 'passed',
      version_label_exists: 'passed',
      name_label_exists: 'passed',
    });
    expect(r.rpm?.format).toBe('sqlite');
    const pf = await scanRef('scan-good:1.0-1', 'preflight');
    expect(status(pf)).toMatchObject({ HasLicense: 'passed', HasUniqueTag: 'passed', HasRequiredLabel: 'passed', RunAsNonRoot: 'passed', HasModifiedFiles: 'passed', BasedOnUbi: 'passed', HasNoProhibitedPackages: 'failed', HasNoProhibitedLabels: 'passed', HasProhibitedContainerName: 'passed', LayerCountAcceptable: 'passed' });
    expect(check(pf, 'HasNoProhibitedPackages').evidence.join('\n')).toMatch(/kernel-core[\s\S]*kpatch-foo|kpatch-foo[\s\S]*kernel-core/);
  });

  it('the release package signed by an unknown key is not RHEL', async () => {
    const r = await scanRef('scan-good:1.0-1', 'connect', untrusted);
    expect(check(r, 'is_rhel').status).toBe('failed');
    expect(check(r, 'is_rhel').evidence.join(' ')).toContain(fixtures.keyId);
  });

  it('vulnerabilities from CSAF/VEX: a Critical fixed-in-newer finding, the not-affected one is not reported', async () => {
    const dir = join(root, 'csaf');
    writeCsaf(dir);
    const r = await scanRef('scan-good:1.0-1', 'connect', trusted, dir);
    expect(check(r, 'free_of_critical_vulnerabilities').status).toBe('failed');
    expect(r.vulnerabilities?.findings).toEqual([
      expect.objectContaining({ cve: 'CVE-2024-0001', packageName: 'neutron-plugin-acme', installed: '1:1.2.3-4.el9', fixed: '1:1.2.3-5.el9', severity: 'Critical', advisory: 'RHSA-2024:0101' }),
    ]);
    expect(r.health?.grade).toMatch(/^(D|E\/F)$/);
  });

  it('missing labels, root user, privileged run label, latest only', async () => {
    await buildImage('scan-nolabels:1.0', `FROM ${BASE}\nCOPY licenses/ /licenses/\nUSER 1001\n`, { 'licenses/LICENSE': 'x' });
    const a = await scanRef('scan-nolabels:1.0', 'preflight');
    expect(check(a, 'HasRequiredLabel').status).toBe('failed');
    expect(check(a, 'HasRequiredLabel').evidence.join(' ')).toContain('vendor');
    await buildImage('scan-root:1.0', `FROM ${BASE}\n${LABELS_DOCKERFILE}\nUSER 0:0\n`);
    expect(check(await scanRef('scan-root:1.0', 'preflight'), 'RunAsNonRoot').status).toBe('failed');
    await buildImage('scan-priv:1.0', `FROM ${BASE}\nLABEL RUN="docker run -d --privileged IMAGE"\nUSER 1001\n`);
    const p = await scanRef('scan-priv:1.0');
    expect(check(p, 'not_running_privileged').status).toBe('failed');
    expect(check(p, 'not_running_privileged').evidence.join(' ')).toContain('RUN=');
    await buildImage('scan-latest', `FROM ${BASE}\nUSER 1001\n`);
    const l = await scanRef('scan-latest:latest');
    expect(check(l, 'good_tags').status).toBe('failed');
    expect(check(l, 'rpm_list_successful').status).toBe('failed');
  });

  it('more than 40 layers', async () => {
    const files: Record<string, string> = {};
    let df = `FROM ${BASE}\n`;
    for (let i = 0; i < 41; i++) {
      files[`f${i}`] = String(i);
      df += `COPY f${i} /f${i}\n`;
    }
    await buildImage('scan-layers:1.0', df, files);
    const r = await scanRef('scan-layers:1.0', 'preflight');
    expect(r.layerCount).toBe(42);
    expect(check(r, 'LayerCountAcceptable').status).toBe('failed');
  });

  it('a Red Hat package file modified in a later layer is listed', async () => {
    await buildImage('scan-modified:1.0', GOOD('COPY vmlinuz /lib/modules/5.14.0-427.13.1.el9_4/vmlinuz\nCOPY init.py /usr/lib/python3.9/site-packages/neutron_acme/__init__.py'), {
      ...rootfsFiles(),
      vmlinuz: 'patched\n',
      'init.py': '# patched\n',
    });
    const r = await scanRef('scan-modified:1.0', 'preflight');
    const c = check(r, 'HasModifiedFiles');
    expect(c.status).toBe('failed');
    expect(c.evidence.join('\n')).toContain('/lib/modules/5.14.0-427.13.1.el9_4/vmlinuz');
    // Not vendored by Red Hat: a warning, not a violation.
    expect(c.warnings?.join('\n')).toContain('neutron_acme/__init__.py');
  });

  it('wrong os-release, empty /licenses, /licenses escaping the root', async () => {
    await buildImage('scan-centos:1.0', GOOD('COPY os-release /etc/os-release'), { ...rootfsFiles(), 'os-release': 'NAME="CentOS Stream"\nID="centos"\n' });
    expect(check(await scanRef('scan-centos:1.0'), 'is_rhel').status).toBe('failed');
    await buildImage('scan-emptylic:1.0', `FROM ${BASE}\nCOPY licenses/ /licenses/\nUSER 1001\n`, { 'licenses/EMPTY': '' });
    const e = await scanRef('scan-emptylic:1.0', 'preflight');
    expect(check(e, 'HasLicense').status).toBe('failed');
    expect(check(e, 'HasLicense').evidence.join(' ')).toContain('empty');
    await buildImage('scan-esclic:1.0', `FROM ${BASE}\nCOPY lic/ /\nUSER 1001\n`, { 'lic/licenses': { symlink: '../../../../etc' } });
    const s = await scanRef('scan-esclic:1.0', 'preflight');
    expect(check(s, 'HasLicense').status).toBe('failed');
    expect(check(s, 'HasLicense').evidence.join(' ')).toContain('outside the image root');
  });

  it('a Berkeley DB rpmdb is read', async () => {
    const variant = fixtures.bdb.find((b) => b.rpmReadable)!;
    await buildImage('scan-bdb:1.0', `FROM ${BASE}\nCOPY rootfs/ /\nUSER 1001\n`, { rootfs: { copyDir: variant.rootfs } });
    const r = await scanRef('scan-bdb:1.0');
    expect(check(r, 'rpm_list_successful').status).toBe('passed');
    expect(r.rpm?.format).toBe('bdb');
  });

  it('an archive saved by the engine gives the same answers as the engine stream', async () => {
    const file = join(root, 'good.tar');
    await saveImage('scan-good:1.0-1', file);
    const r = await trusted.scan({ source: { kind: 'archive', path: file }, profile: 'connect' });
    const e = await scanRef('scan-good:1.0-1');
    expect(status(r)).toEqual(status(e));
    expect(r.source.format).toBe('docker-archive');
  });

  it('the fast path off the engine socket reads the image exactly as dockerode\'s stream does; a refusal and a cancel are clear', async () => {
    const docker = await new EngineService({ env: process.env }).docker();
    const endpoint = rawEndpoint(docker);
    expect(endpoint).toBeDefined();
    const limits = { maxEntries: 1_000_000, maxContentBytes: 64 * 1024 * 1024, maxTotalBytes: 1024 ** 3 };
    const fast = await readImageArchive(engineExportFeed(docker, endpoint!, 'scan-good:1.0-1'), CAPTURE_RULES, limits);
    const slow = await readImageArchive((await docker.getImage('scan-good:1.0-1').get()) as NodeJS.ReadableStream, CAPTURE_RULES, limits);
    const facts = (a: typeof fast) => ({ config: a.config, tags: a.repoTags, layers: a.layers.map((l) => ({ files: l.changes.files, digests: [...l.digests].sort() })) });
    expect(facts(fast)).toEqual(facts(slow));
    expect(fast.layers.some((l) => l.digests.size > 0)).toBe(true);
    await expect(readImageArchive(engineExportFeed(docker, endpoint!, 'scan-nope:0'), CAPTURE_RULES, limits)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const controller = new AbortController();
    const cancelled = readImageArchive(engineExportFeed(docker, endpoint!, 'scan-good:1.0-1'), CAPTURE_RULES, limits, {
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('cancelled by the test')),
    });
    await expect(cancelled).rejects.toThrow('cancelled by the test');
  });

  it('an unknown image is NOT_FOUND', async () => {
    await expect(scanRef('scan-nope:0')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
