import type { ChecklistItemId, ChecklistStatus, Collateral, Project, StoredEvidence } from './model';

/**
 * The portal's Container Certification Checklist, ten items, with the guide's explanation of
 * each (guide: "Certification Checklist Section Descriptions") and how CertDesk can tell it's done.
 */
export interface ChecklistItemDef {
  id: ChecklistItemId;
  title: string;
  /** The guide's description of the item, in its own words where they matter. */
  explanation: string;
  /** A caveat from the guide worth a warning (the "Supported Platforms" bug). */
  note?: string;
  /** `red-hat`: Red Hat does this step; the partner only records it. */
  owner: 'partner' | 'red-hat';
  /** CertDesk pages holding evidence for the item. */
  appLinks: { label: string; href: string }[];
  /** What CertDesk checks for itself, when anything. */
  autoCheck?: string;
}

export const CHECKLIST_ITEMS: readonly ChecklistItemDef[] = [
  {
    id: 'company-profile',
    title: 'Update your company profile',
    explanation: 'This page is to ensure that your company profile is up to date. Edit if necessary.',
    owner: 'partner',
    appLinks: [{ label: 'Company in the wizard', href: '#/wizard' }],
  },
  {
    id: 'product-profile',
    title: 'Update your product profile',
    explanation: 'The product’s profile: product type, description, repository URL, version, contact distribution list.',
    owner: 'partner',
    appLinks: [{ label: 'Products in the wizard', href: '#/wizard' }],
  },
  {
    id: 'openstack-appendix',
    title: 'Accept the OpenStack Appendix',
    explanation: 'Site Agreement to the Container Terms.',
    owner: 'partner',
    appLinks: [],
  },
  {
    id: 'project-profile',
    title: 'Update your project profile',
    explanation: 'The image/container settings: Auto Publish, registry namespace, release category, supported platforms.',
    note: 'Known portal bug: in the “Supported Platforms” section at the bottom you must select an option, whatever zone your project is in (Containers/OpenStack). Selecting any option lets you save the other required fields.',
    owner: 'partner',
    appLinks: [{ label: 'Project in the wizard', href: '#/wizard' }],
  },
  {
    id: 'package-and-test',
    title: 'Package and test your application as a container',
    explanation: 'Configure the build service following the page’s instructions; it depends on the previous steps being complete.',
    owner: 'partner',
    appLinks: [
      { label: 'Dockerfile check', href: '#/dockerfile' },
      { label: 'Scan', href: '#/scan' },
    ],
    autoCheck: 'Done when CertDesk has a passing Dockerfile check and a passing scan for this project.',
  },
  {
    id: 'documentation-marketing',
    title: 'Upload documentation and marketing materials',
    explanation: 'On the product page, scroll to the bottom and click “Add new Collateral” to upload your product information.',
    note: 'A minimum of 3 materials are required, with 1 being a mandatory “document” type.',
    owner: 'partner',
    appLinks: [{ label: 'Collateral tracker below', href: '#/checklist' }],
    autoCheck: 'Done when the collateral tracker lists at least 3 uploaded items, one of type “document”.',
  },
  {
    id: 'registry-namespace',
    title: 'Provide a container registry namespace',
    explanation: 'The same as the project profile page.',
    owner: 'partner',
    appLinks: [{ label: 'Project in the wizard', href: '#/wizard' }],
    autoCheck: 'Done when the project records its registry namespace.',
  },
  {
    id: 'sales-contact',
    title: 'Provide sales contact information',
    explanation: 'The same information as the company profile.',
    owner: 'partner',
    appLinks: [],
  },
  {
    id: 'distribution-approval',
    title: 'Obtain distribution approval from Red Hat',
    explanation: 'Red Hat will take care of this step. Record here when the portal shows it approved.',
    owner: 'red-hat',
    appLinks: [],
  },
  {
    id: 'automated-build-service',
    title: 'Configure Automated Build Service',
    explanation:
      'Red Hat builds your image from the Dockerfile in your repository and rebuilds it whenever the base image/OS is updated, to keep it secure. Public repository: the HTTPS URL; private: the SSH URL and an RSA private key in PEM made for this project.',
    owner: 'partner',
    appLinks: [
      { label: 'Build', href: '#/build' },
      { label: 'Deploy keys', href: '#/keys' },
    ],
    autoCheck: 'Done when the build service has a repository URL and, for an SSH URL, CertDesk verified a deploy key against the repository.',
  },
];

export interface DerivedChecklistItem {
  def: ChecklistItemDef;
  status: ChecklistStatus;
  notes: string;
  doneAt?: string;
  completedBy?: 'user' | 'evidence';
  /** Why CertDesk considers it done (or what's missing), from its own evidence. */
  evidence: string[];
}

/** Evidence naming this project: by local id, registry pid or portal project id. */
export function evidenceFor(project: Project, evidence: readonly StoredEvidence[]): StoredEvidence[] {
  const names = new Set([project.id, project.registryPid, project.portalProjectId, project.name].filter((n) => n !== ''));
  return evidence.filter((e) => names.has(e.projectId));
}

export function latest(evidence: readonly StoredEvidence[], kind: StoredEvidence['kind'], passed?: boolean): StoredEvidence | undefined {
  let found: StoredEvidence | undefined;
  for (const e of evidence) {
    if (e.kind !== kind || (passed !== undefined && e.passed !== passed)) continue;
    if (!found || e.at >= found.at) found = e;
  }
  return found;
}

export function collateralStatus(collateral: readonly Collateral[]): { done: boolean; uploaded: number; documents: number; message: string } {
  const uploaded = collateral.filter((c) => c.uploadedAt);
  const documents = uploaded.filter((c) => c.type === 'document').length;
  const done = uploaded.length >= 3 && documents >= 1;
  const message = done
    ? `${uploaded.length} uploaded, ${documents} of type “document”.`
    : `${uploaded.length} of at least 3 uploaded; ${documents} of at least 1 “document”.`;
  return { done, uploaded: uploaded.length, documents, message };
}

function isSshUrl(url: string): boolean {
  return /^(ssh:\/\/|[\w.-]+@[\w.-]+:)/.test(url.trim());
}

/**
 * The build service's key works: a repository check over SSH passed with a deploy key CertDesk made or
 * imported for the project. With `url`, only a check of that repository counts.
 */
export function verifiedDeployKey(evidence: readonly StoredEvidence[], url?: string): { check: StoredEvidence; key: StoredEvidence } | undefined {
  let found: { check: StoredEvidence; key: StoredEvidence } | undefined;
  for (const check of evidence) {
    if (check.kind !== 'repo-check' || !check.passed || check.data?.transport !== 'ssh') continue;
    if (url !== undefined && check.subject !== url.trim()) continue;
    const key = latest(
      evidence.filter((e) => e.subject === check.data?.keyId),
      'deploy-key',
      true,
    );
    if (key && (!found || check.at >= found.check.at)) found = { check, key };
  }
  return found;
}

/** What CertDesk's own evidence says about an item: done or not, and why. */
export function autoCheck(id: ChecklistItemId, project: Project): { done: boolean; evidence: string[] } | undefined {
  const ev = project.evidence;
  switch (id) {
    case 'package-and-test': {
      const lint = latest(ev, 'lint');
      const scan = latest(ev, 'scan');
      const lines = [
        lint ? `Dockerfile check ${lint.passed ? 'passed' : 'failed'} ${lint.at.slice(0, 10)} (${lint.subject})` : 'No Dockerfile check yet',
        scan ? `Scan ${scan.passed ? 'passed' : 'failed'} ${scan.at.slice(0, 10)} (${scan.subject})` : 'No scan yet',
      ];
      return { done: lint?.passed === true && scan?.passed === true, evidence: lines };
    }
    case 'documentation-marketing': {
      const s = collateralStatus(project.collateral);
      return { done: s.done, evidence: [s.message] };
    }
    case 'registry-namespace':
      return project.registryNamespace
        ? { done: true, evidence: [`Namespace “${project.registryNamespace}” recorded.`] }
        : { done: false, evidence: ['No registry namespace recorded yet.'] };
    case 'automated-build-service': {
      // A repository checked over SSH counts as the recorded one until the user records a URL.
      const url = project.buildService.repositoryUrl.trim() || (verifiedDeployKey(ev)?.check.subject ?? '');
      if (!url) return { done: false, evidence: ['No repository URL recorded yet.'] };
      if (!isSshUrl(url)) return { done: true, evidence: [`Public repository ${url} (HTTPS, no key needed).`] };
      const verified = verifiedDeployKey(ev, url);
      if (verified) {
        const fingerprint = typeof verified.key.data?.fingerprint === 'string' ? ` ${verified.key.data.fingerprint}` : '';
        return { done: true, evidence: [`Deploy key ${verified.key.subject}${fingerprint} verified against ${verified.check.subject} ${verified.check.at.slice(0, 10)}.`] };
      }
      return latest(ev, 'deploy-key', true)
        ? { done: false, evidence: [`Private repository ${url}: a deploy key exists; check the repository with it (Deploy keys page).`] }
        : { done: false, evidence: [`Private repository ${url}: no verified deploy key yet.`] };
    }
    default:
      return undefined;
  }
}

/** The ten items as the page shows them: the user's marks, completed by CertDesk's evidence. */
export function deriveChecklist(project: Project): DerivedChecklistItem[] {
  return CHECKLIST_ITEMS.map((def) => {
    const entry = project.checklist[def.id];
    const auto = autoCheck(def.id, project);
    const base: DerivedChecklistItem = { def, status: entry?.status ?? 'not-started', notes: entry?.notes ?? '', evidence: auto?.evidence ?? [] };
    if (entry?.doneAt) base.doneAt = entry.doneAt;
    if (entry?.completedBy) base.completedBy = entry.completedBy;
    if (auto?.done && base.status !== 'done') {
      base.status = 'done';
      base.completedBy = 'evidence';
    }
    return base;
  });
}

export function checklistProgress(project: Project): { done: number; total: number } {
  const items = deriveChecklist(project);
  return { done: items.filter((i) => i.status === 'done').length, total: items.length };
}
