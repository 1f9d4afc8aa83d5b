import { describe, expect, it } from 'vitest';
import { evaluateJourney } from '../certification/wizard-steps';
import { GUIDE_SECTIONS } from '../certification/guide-sections';
import { expectedDecisionDate } from '../certification/export-compliance';
import { searchFaq } from '../certification/help-content';
import { treeVerdict } from '../certification/tree-status';
import { imageHealth } from '../certification/maintenance';
import { isAllowedExternalUrl } from '../security/external-links';
import { WIZARD_STEPS } from '../certification/wizard-steps';
import { addBusinessDays, businessDaysBetween } from './business-days';
import { deriveChecklist } from './checklist';
import { applyEvidence } from './evidence';
import { migrateProfile, NewerSchemaError } from './migrations';
import { emptyProfile, ProjectSchema, type Profile } from './model';
import { buildStatusReport, renderHtml, renderMarkdown } from '../report/status-report';

const AT = '2024-03-04T10:00:00.000Z';

function profileWithProject(): Profile {
  const p = emptyProfile();
  p.company = { name: 'Acme', notes: '', salesContact: '' };
  p.products = [{ id: 'prod-1', name: 'Acme plugin', url: '', contactList: [], versions: [{ id: 'ver-1', label: 'RHOSP 13 network plugin version 1.x', notes: '', createdAt: AT }], notes: '', createdAt: AT, updatedAt: AT }];
  p.projects = [ProjectSchema.parse({ id: 'proj-1', name: 'acme_plugin', productId: 'prod-1', productVersionId: 'ver-1', registryPid: 'p123', createdAt: AT, updatedAt: AT })];
  p.wizard.projectId = 'proj-1';
  return p;
}

describe('migrations', () => {
  it('brings a v1 document (company string, free-text product per project, boolean checklist) to v2', () => {
    const v1 = {
      schemaVersion: 1,
      companyName: 'Acme',
      savedAt: AT,
      projects: [
        { id: 'a', name: 'net', product: 'Acme plugin', productVersion: 'RHOSP 13 network plugin version 1.x', pid: 'p1', checklist: { 'company-profile': true, 'sales-contact': false } },
        { id: 'b', name: 'net2', product: 'Acme plugin', productVersion: 'RHOSP 13 network plugin version 2.x' },
      ],
      otherCapability: { keep: true },
    };
    const { profile, migratedFrom } = migrateProfile(v1);
    expect(migratedFrom).toBe(1);
    expect(profile.schemaVersion).toBe(2);
    expect(profile.company?.name).toBe('Acme');
    expect(profile.products).toHaveLength(1);
    expect(profile.products[0]!.versions.map((v) => v.label)).toEqual(['RHOSP 13 network plugin version 1.x', 'RHOSP 13 network plugin version 2.x']);
    expect(profile.projects[0]!.registryPid).toBe('p1');
    expect(profile.projects[0]!.checklist['company-profile']?.status).toBe('done');
    expect(profile.projects[0]!.releaseCategory).toBe('tech-preview');
    expect((profile as Record<string, unknown>).otherCapability).toEqual({ keep: true });
  });
  it('treats an empty document as a fresh profile and refuses a newer schema', () => {
    expect(migrateProfile({}).profile.projects).toEqual([]);
    expect(() => migrateProfile({ schemaVersion: 99 })).toThrow(NewerSchemaError);
    expect(() => migrateProfile({ schemaVersion: 2, projects: 'nope' })).toThrow();
  });
});

describe('business days', () => {
  it('skips weekends', () => {
    expect(addBusinessDays('2024-03-04', 5)).toBe('2024-03-11'); // Monday → next Monday
    expect(addBusinessDays('2024-03-08', 5)).toBe('2024-03-15'); // Friday → next Friday
    expect(addBusinessDays('2024-03-09', 1)).toBe('2024-03-11'); // Saturday → Monday
    expect(addBusinessDays('2024-02-27', 5)).toBe('2024-03-05'); // across a leap day
    expect(businessDaysBetween('2024-03-04', '2024-03-11')).toBe(5);
    expect(businessDaysBetween('2024-03-11', '2024-03-04')).toBe(-5);
  });
  it('gives the expected export compliance answer date from the return date', () => {
    expect(expectedDecisionDate({ outcome: 'pending', notes: '', returnedAt: '2024-03-07T09:00:00Z' })).toBe('2024-03-14');
    expect(expectedDecisionDate({ outcome: 'pending', notes: '' })).toBeUndefined();
  });
});

describe('evidence and checklist derivation', () => {
  it('records image history by tag and completes checklist items from evidence', () => {
    let p = profileWithProject();
    p = applyEvidence(p, { projectId: 'proj-1', kind: 'lint', subject: 'Dockerfile', passed: true, at: AT }, AT);
    p = applyEvidence(p, { projectId: 'p123', kind: 'build', subject: 'acme/plugin:1.0-1', passed: true, at: AT }, AT);
    p = applyEvidence(p, { projectId: 'p123', kind: 'scan', subject: 'acme/plugin:1.0-1', passed: true, at: AT, data: { grade: 'B' } }, AT);
    p = applyEvidence(p, { projectId: 'p123', kind: 'push', subject: 'scan.connect.redhat.com/p123/plugin:1.0-1', passed: true, at: AT, digest: 'sha256:abc' }, AT);
    const project = p.projects[0]!;
    expect(project.images).toHaveLength(1);
    expect(project.images[0]).toMatchObject({ tag: '1.0-1', digest: 'sha256:abc', builtAt: AT, pushedAt: AT });
    expect(project.images[0]!.scans[0]).toMatchObject({ passed: true, grade: 'B' });
    expect(project.checklist['package-and-test']).toMatchObject({ status: 'done', completedBy: 'evidence' });
    const journey = evaluateJourney(p, project);
    for (const id of ['dockerfile', 'build', 'scan', 'upload']) expect(journey.steps.find((s) => s.def.id === id)!.state).toMatchObject({ done: true, by: 'evidence' });
    expect(imageHealth({ ...project.images[0]!, publishedAt: AT })).toMatchObject({ grade: 'B', rebuildDue: true });
  });
  it('keeps evidence for an unknown project aside and never completes from a failed check', () => {
    let p = profileWithProject();
    p = applyEvidence(p, { projectId: 'nobody', kind: 'scan', subject: 'x:1', passed: true, at: AT }, AT);
    expect(p.unassignedEvidence).toHaveLength(1);
    p = applyEvidence(p, { projectId: 'proj-1', kind: 'lint', subject: 'Dockerfile', passed: false, at: AT }, AT);
    expect(deriveChecklist(p.projects[0]!).find((i) => i.def.id === 'package-and-test')!.status).toBe('not-started');
  });
  it('needs 3 uploaded collateral items, one a document; an SSH repo needs a verified key', () => {
    const project = { ...profileWithProject().projects[0]! };
    const item = (type: 'document' | 'video', uploaded: boolean) => ({ id: `c${Math.random()}`, title: 't', type, url: '', notes: '', addedAt: AT, ...(uploaded ? { uploadedAt: AT } : {}) });
    const status = (p: typeof project, id: string) => deriveChecklist(p).find((i) => i.def.id === id)!.status;
    expect(status({ ...project, collateral: [item('video', true), item('video', true), item('video', true)] }, 'documentation-marketing')).toBe('not-started');
    expect(status({ ...project, collateral: [item('document', true), item('video', true), item('video', false)] }, 'documentation-marketing')).toBe('not-started');
    expect(status({ ...project, collateral: [item('document', true), item('video', true), item('video', true)] }, 'documentation-marketing')).toBe('done');
    const ssh = { ...project, buildService: { ...project.buildService, repositoryUrl: 'git@github.com:acme/plugin.git' } };
    expect(status(ssh, 'automated-build-service')).toBe('not-started');
    const key = { projectId: 'proj-1', kind: 'deploy-key' as const, subject: 'key-1', passed: true, at: AT };
    const check = (url: string, passed = true) => ({ projectId: 'proj-1', kind: 'repo-check' as const, subject: url, passed, at: AT, data: { transport: 'ssh', keyId: 'key-1' } });
    // A key alone is not verified; the repository check with it is, and only against the recorded repository.
    expect(status({ ...ssh, evidence: [key] }, 'automated-build-service')).toBe('not-started');
    expect(status({ ...ssh, evidence: [key, check('git@github.com:acme/plugin.git', false)] }, 'automated-build-service')).toBe('not-started');
    expect(status({ ...ssh, evidence: [key, check('git@github.com:acme/other.git')] }, 'automated-build-service')).toBe('not-started');
    expect(status({ ...ssh, evidence: [check('git@github.com:acme/plugin.git')] }, 'automated-build-service')).toBe('not-started');
    expect(status({ ...ssh, evidence: [key, check('git@github.com:acme/plugin.git')] }, 'automated-build-service')).toBe('done');
    // No URL recorded yet: the checked repository stands in for it.
    expect(status({ ...project, evidence: [key, check('ssh://git@git.example:2222/acme/plugin.git')] }, 'automated-build-service')).toBe('done');
    expect(status({ ...project, buildService: { ...project.buildService, repositoryUrl: 'https://github.com/acme/plugin.git' } }, 'automated-build-service')).toBe('done');
  });
});

describe('guide coverage and help', () => {
  it('gives every guide section a place and every wizard step a guide section and https Red Hat portal links', () => {
    const toc = [
      'Introduction', 'Register for RHC4TP & Request Technology Partnership', 'Request Zone Access', 'Add a Product', 'Add a New User to the RHC4TP Account', 'Request Software Access',
      'Access granted software entitlements', 'Create a Certification Project', 'In Tree vs Out of Tree', 'In Tree', 'Out of Tree', 'Functional Certification', 'In Tree Certification Workflow',
      'Out of Tree Certification Workflow', 'The Container Certification Checklist', 'Certification Checklist Section Descriptions', 'Preparing the Image For Scanning', 'Dockerfile Requirements',
      'The Build Service', 'Manually Upload Your Image', 'Downloading Your Unpublished Container', 'If your image was built using the build service:', 'If your image was built locally and pushed manually:',
      'Image Scan Results', 'Export Compliance Questionnaire', 'Maintaining Certified Images', 'Top FAQs', 'Getting Help', 'Online Resources',
    ];
    expect(GUIDE_SECTIONS.map((s) => s.section)).toEqual(toc);
    for (const step of WIZARD_STEPS) {
      expect(step.guideSections.length).toBeGreaterThan(0);
      for (const link of step.portal) expect(isAllowedExternalUrl(link.url), link.url).toBe(true);
    }
  });
  it('searches the FAQ and answers the in-tree question', () => {
    expect(searchFaq('registry.rhc4tp').map((f) => f.number)).toEqual([8]);
    expect(searchFaq('product version change').map((f) => f.number)).toEqual([2]);
    expect(treeVerdict({ upstream: 'no' }).status).toBe('out-of-tree');
    expect(treeVerdict({ upstream: 'yes', 'shipped-by-red-hat': 'yes' }).status).toBe('in-tree');
    expect(treeVerdict({}).status).toBe('undecided');
  });
});

describe('status report', () => {
  it('escapes everything in HTML and Markdown', () => {
    const p = profileWithProject();
    p.projects[0] = { ...p.projects[0]!, name: '<script>alert(1)</script>', notes: '"quoted" & <b>bold</b> | pipe', images: [{ tag: '1.0', reference: '<img src=x onerror=alert(1)>', scans: [], notes: '' }] };
    const report = buildStatusReport(p, p.projects[0]!, AT);
    const html = renderHtml(report);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>bold');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp;');
    const md = renderMarkdown(report);
    expect(md).not.toContain('<script>');
    expect(md).toContain('\\| pipe');
    expect(md).toContain('Checklist');
  });
});
