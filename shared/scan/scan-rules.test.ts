import { describe, expect, it } from 'vitest';
import { compareEvr } from '../rpm/rpm-version';
import type { RpmDatabase } from '../rpm/rpm-package';
import { parseCsaf } from '../vulns/csaf-parse';
import { parseOvalText } from '../vulns/oval-parse';
import { matchVulnerabilities } from '../vulns/vuln-index';
import { estimateHealthGrade } from './health-grade';
import { claimsRedHat, missingRequiredLabels, privilegedRunLabels, repositoryName } from './label-rules';
import { findModifiedFiles, snapshotOf } from './modified-files';
import { parseOsRelease, osReleaseIsRhel } from './os-release';
import { escapeHtml, toHtml, toJunit, toPreflightJson } from './report-formats';
import { tagProblem } from './tag-rules';
import { judgeUser, parsePasswd } from './user-rules';
import type { ScanReport } from './scan-model';

describe('label rules', () => {
  it('finds missing and Red Hat-claiming labels', () => {
    expect(missingRequiredLabels({ name: 'x', vendor: ' ' })).toEqual(['vendor', 'version', 'release', 'summary', 'description', 'maintainer']);
    expect(claimsRedHat('Red Hat OpenStack plugin')).toBe(true);
    expect(claimsRedHat('red-hat thing')).toBe(true);
    expect(claimsRedHat('Acme plugin for Red Hat OpenStack')).toBe(false);
    expect(claimsRedHat('Acme for Red Hat, by Red Hat')).toBe(true);
    expect(repositoryName('quay.io/acme/redhat-neutron:1.0')).toBe('redhat-neutron');
    expect(privilegedRunLabels({ RUN: 'docker run --privileged -d IMAGE', install: 'docker run IMAGE' })).toHaveLength(1);
  });
  it('judges users strictly', () => {
    expect(judgeUser('').root).toBe(true);
    expect(judgeUser('0:0').root).toBe(true);
    expect(judgeUser('root:root').root).toBe(true);
    expect(judgeUser('1001').root).toBe(false);
    expect(judgeUser('toor', parsePasswd('toor:x:0:0::/:/bin/sh\n')).root).toBe(true);
    expect(tagProblem('1.0-1')).toBeUndefined();
    expect(tagProblem('.bad')).toBeDefined();
    expect(tagProblem('x'.repeat(33))).toBeDefined();
  });
  it('reads os-release', () => {
    expect(osReleaseIsRhel(parseOsRelease('NAME="Red Hat Enterprise Linux"\nID="rhel"\n'))).toBe(true);
    expect(osReleaseIsRhel(parseOsRelease('NAME="CentOS Stream"\nID="centos"\n'))).toBe(false);
  });
});

const pkg = (name: string, version: string, files: Array<{ path: string; digest?: string; mode?: number; flags?: number; size?: number }>, installTime = 1) => ({
  name,
  version,
  release: '1.el9',
  arch: 'x86_64',
  vendor: 'Red Hat, Inc.',
  installTime,
  fileDigestAlgo: 8,
  files: files.map((f) => ({ path: f.path, digest: f.digest ?? 'aa', mode: f.mode ?? 0o100755, size: f.size ?? 3, flags: f.flags ?? 0 })),
});
const db = (packages: ReturnType<typeof pkg>[]): RpmDatabase => ({ format: 'sqlite', path: '/var/lib/rpm/rpmdb.sqlite', packages, warnings: [] });

describe('HasModifiedFiles', () => {
  it('flags a file of an unchanged package rewritten later, with the exclusions', () => {
    const base = db([pkg('bash', '5.1', [{ path: '/usr/bin/bash' }, { path: '/etc/bashrc', flags: 1 }, { path: '/usr/bin/su', mode: 0o104755, digest: 'same' }, { path: '/usr/share/doc/x', flags: 2 }])]);
    const result = findModifiedFiles([
      { files: [], db: snapshotOf(base) },
      {
        files: [
          { path: 'usr/bin/bash', kind: 'file', mode: 0o755, size: 3, sha256: 'bb' },
          { path: 'etc/bashrc', kind: 'file', mode: 0o644, size: 1 },
          { path: 'usr/bin/su', kind: 'file', mode: 0o755, size: 3, sha256: 'same' },
          { path: 'usr/share/doc/x', kind: 'file', mode: 0o644, size: 1 },
        ],
      },
    ]);
    expect(result.violations.map((v) => v.path)).toEqual(['/usr/bin/bash']);
  });
  it('does not flag an updated or reinstalled package', () => {
    const base = snapshotOf(db([pkg('bash', '5.1', [{ path: '/usr/bin/bash' }])]));
    const updated = snapshotOf(db([pkg('bash', '5.2', [{ path: '/usr/bin/bash' }])]));
    const reinstalled = snapshotOf(db([pkg('bash', '5.1', [{ path: '/usr/bin/bash' }], 5)]));
    const change = [{ path: 'usr/bin/bash', kind: 'file' as const, mode: 0o755, size: 9 }];
    expect(findModifiedFiles([{ files: [], db: base }, { files: change, db: updated }]).violations).toEqual([]);
    expect(findModifiedFiles([{ files: [], db: base }, { files: change, db: reinstalled }]).violations).toEqual([]);
  });
});

const CSAF = {
  document: {
    csaf_version: '2.0',
    category: 'csaf_vex',
    aggregate_severity: { text: 'Critical' },
    tracking: { id: 'CVE-2099-0001', initial_release_date: '2024-01-01T00:00:00Z', current_release_date: '2024-01-02T00:00:00Z' },
  },
  product_tree: {
    branches: [{ branches: [{ product: { product_id: 'openssl-1:3.0.7-99.el9.x86_64', product_identification_helper: { purl: 'pkg:rpm/redhat/openssl@3.0.7-99.el9?arch=x86_64&epoch=1' } } }, { product: { product_id: 'zlib' } }] }],
    relationships: [{ product_reference: 'openssl-1:3.0.7-99.el9.x86_64', relates_to_product_reference: 'BaseOS-9', full_product_name: { product_id: 'BaseOS-9:openssl-1:3.0.7-99.el9.x86_64' } }],
  },
  vulnerabilities: [
    {
      cve: 'CVE-2099-0001',
      product_status: { fixed: ['BaseOS-9:openssl-1:3.0.7-99.el9.x86_64'], known_not_affected: ['red_hat_enterprise_linux_9:zlib'] },
      threats: [{ category: 'impact', details: 'Critical' }],
      remediations: [{ category: 'vendor_fix', url: 'https://access.redhat.com/errata/RHSA-2099:0001', product_ids: ['BaseOS-9:openssl-1:3.0.7-99.el9.x86_64'] }],
    },
  ],
};

describe('vulnerability data', () => {
  it('matches CSAF fixed records by EVR and skips not-affected', () => {
    const index = parseCsaf(CSAF, 'cve.json', new Date('2024-02-01'));
    const installed = [
      { name: 'openssl', epoch: 1, version: '3.0.7', release: '27.el9' },
      { name: 'zlib', version: '1.2.11', release: '40.el9' },
    ];
    const findings = matchVulnerabilities(installed, index, compareEvr);
    expect(findings).toEqual([
      expect.objectContaining({ cve: 'CVE-2099-0001', packageName: 'openssl', fixed: '1:3.0.7-99.el9', severity: 'Critical', advisory: 'RHSA-2099:0001', installed: '1:3.0.7-27.el9' }),
    ]);
    expect(matchVulnerabilities([{ name: 'openssl', epoch: 1, version: '3.0.7', release: '99.el9' }], index, compareEvr)).toEqual([]);
    expect(matchVulnerabilities([{ name: 'openssl', epoch: 1, version: '3.0.7', release: '1.el8' }], index, compareEvr)).toEqual([]);
  });
  it('reads OVAL v2 definitions', () => {
    const xml = `<oval_definitions><definitions><definition class="patch" id="oval:com.redhat.rhsa:def:20991234" version="1"><metadata><title>RHSA-2099:1234: bash (Important)</title><reference ref_id="RHSA-2099:1234" source="RHSA"/><advisory><severity>Important</severity><issued date="2024-01-01"/><cve>CVE-2099-1234</cve></advisory></metadata><criteria><criterion comment="bash is earlier than 0:5.1.8-9.el9" test_ref="x"/><criterion comment="bash is signed with Red Hat redhatrelease2 key" test_ref="y"/></criteria></definition></definitions></oval_definitions>`;
    const index = parseOvalText(xml, 'rhel-9.oval.xml', new Date());
    const findings = matchVulnerabilities([{ name: 'bash', version: '5.1.8', release: '6.el9' }], index, compareEvr);
    expect(findings[0]).toMatchObject({ cve: 'CVE-2099-1234', severity: 'Important', fixed: '5.1.8-9.el9', advisory: 'RHSA-2099:1234' });
  });
  it('grades health from unapplied Critical/Important errata ages', () => {
    const now = new Date('2024-06-01T00:00:00Z');
    const f = (severity: 'Critical' | 'Important' | 'Moderate', released: string) => ({ cve: 'c', packageName: 'p', installed: '1-1', fixed: '1-2', severity, state: 'fixed' as const, released });
    expect(estimateHealthGrade([], now).grade).toBe('A');
    expect(estimateHealthGrade([f('Moderate', '2020-01-01')], now).grade).toBe('A');
    expect(estimateHealthGrade([f('Critical', '2024-05-28')], now).grade).toBe('B');
    expect(estimateHealthGrade([f('Important', '2024-04-01')], now).grade).toBe('C');
    expect(estimateHealthGrade([f('Critical', '2024-04-01')], now).grade).toBe('D');
    expect(estimateHealthGrade([f('Important', '2022-01-01')], now)).toMatchObject({ grade: 'E/F', unconfirmed: true });
  });
});

describe('report formats', () => {
  const report: ScanReport = {
    id: 'scan-test',
    image: 'x:<script>',
    tags: [],
    imageId: '',
    profile: 'preflight',
    source: { kind: 'archive', input: 'x.tar', format: 'docker-archive' },
    startedAt: '',
    finishedAt: '2024-01-01T00:00:00Z',
    passed: false,
    summary: { passed: 1, failed: 1, notEvaluated: 0 },
    checks: [
      { name: 'HasLicense', status: 'passed', description: 'd', evidence: [], suggestion: 's', help: 'h', source: 'preflight HasLicense', knowledgebaseUrl: 'https://k', checkUrl: 'https://c', elapsedMs: 1 },
      { name: 'RunAsNonRoot', status: 'failed', description: 'd', evidence: ['<img src=x onerror=alert(1)>'], suggestion: 's', help: 'h', source: 'preflight RunAsNonRoot', knowledgebaseUrl: 'javascript:alert(1)', checkUrl: 'https://c', elapsedMs: 1 },
    ],
    layerCount: 1,
    bytesRead: 1,
    warnings: [],
  };
  it('preflight JSON shape', () => {
    const json = JSON.parse(toPreflightJson(report));
    expect(Object.keys(json.results)).toEqual(['passed', 'failed', 'errors', 'warnings']);
    expect(Object.keys(json.results.failed[0])).toEqual(['name', 'elapsed_time', 'description', 'help', 'suggestion', 'knowledgebase_url', 'check_url']);
    expect(json.passed).toBe(false);
  });
  it('escapes everything in HTML and JUnit', () => {
    const html = toHtml(report);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('javascript:');
    expect(escapeHtml('"\'&')).toBe('&quot;&#39;&amp;');
    const junit = toJunit(report);
    expect(junit).toContain('<failure');
    expect(junit).not.toContain('<img');
  });
});
