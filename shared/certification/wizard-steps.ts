import { collateralStatus, deriveChecklist, latest, verifiedDeployKey } from '../projects/checklist';
import type { ChecklistItemId, EVIDENCE_KINDS, Profile, Project } from '../projects/model';
import { PORTAL } from './portal-links';

export type EvidenceKindName = (typeof EVIDENCE_KINDS)[number];

/**
 * The first certification, from registration to a published Tech Preview image, in the guide's
 * order. Each step names its guide section(s), what to do in the portal, what CertDesk does here,
 * and what counts as done; steps CertDesk can verify complete themselves from evidence.
 */
export const WIZARD_STEP_IDS = [
  'register',
  'zone-access',
  'product',
  'users',
  'software-access',
  'create-project',
  'tree-status',
  'checklist',
  'dockerfile',
  'build',
  'scan',
  'upload',
  'publish',
  'export-compliance',
  'maintenance',
] as const;
export type WizardStepId = (typeof WIZARD_STEP_IDS)[number];

export interface WizardStepDef {
  id: WizardStepId;
  title: string;
  /** Guide section titles, as in its table of contents. */
  guideSections: string[];
  /** Account-wide (before any project) or about the project being certified. */
  scope: 'account' | 'project';
  portal: { label: string; url: string }[];
  portalTasks: string[];
  inApp: { label: string; href: string }[];
  inAppSummary: string;
  doneWhen: string;
  /** Evidence that completes the step by itself. */
  evidenceKinds: EvidenceKindName[];
  /** The user confirms it (nothing CertDesk can see proves it). */
  manual: boolean;
}

export const WIZARD_STEPS: readonly WizardStepDef[] = [
  {
    id: 'register',
    title: 'Register and accept the partner agreement',
    guideSections: ['Introduction', 'Register for RHC4TP & Request Technology Partnership'],
    scope: 'account',
    portal: [{ label: 'Red Hat Connect', url: PORTAL.connect }],
    portalTasks: [
      'Log in at connect.redhat.com; search for your user account, then your company (if it exists, ask connect@redhat.com who your Org Admin is).',
      'Otherwise “Can’t find your company” → “Register new company”, fill in the required fields, confirm the e-mail.',
      'Complete Company Details, Connect Details and My Profile, then accept the Technology Partner Program Agreement.',
    ],
    inApp: [],
    inAppSummary: 'Record your company name and the date you accepted the agreement.',
    doneWhen: 'The company is recorded and you confirm the agreement is accepted.',
    evidenceKinds: [],
    manual: true,
  },
  {
    id: 'zone-access',
    title: 'Request OpenStack & NFV zone access',
    guideSections: ['Request Zone Access'],
    scope: 'account',
    portal: [{ label: 'Red Hat Connect: Company dashboard → Zones', url: PORTAL.connect }],
    portalTasks: [
      'Company Dashboard → Edit company profile: complete every field marked * and submit.',
      'Zones → Join a Zone → under OpenStack & NFV click “Apply for zone access”.',
      'Wait for the approval e-mail.',
    ],
    inApp: [],
    inAppSummary: 'Record when you applied and when the approval e-mail arrived.',
    doneWhen: 'You confirm the zone access was approved.',
    evidenceKinds: [],
    manual: true,
  },
  {
    id: 'product',
    title: 'Add the product and its versions',
    guideSections: ['Add a Product'],
    scope: 'account',
    portal: [{ label: 'Red Hat Connect: Company dashboard → Products', url: PORTAL.connect }],
    portalTasks: [
      'Company Dashboard → Products → “Add a product”; fill in every required field (it feeds the certified catalog: check it).',
      'Add one version per plugin version, e.g. “RHOSP 13 network plugin version 1.x”: each version gets its own project.',
      'The Product Contact Distribution List needs at least one e-mail.',
    ],
    inApp: [],
    inAppSummary: 'Enter the same product and versions here; projects pick one of them.',
    doneWhen: 'CertDesk has a product with at least one version.',
    evidenceKinds: [],
    manual: false,
  },
  {
    id: 'users',
    title: 'Users and Org Admin rights',
    guideSections: ['Add a New User to the RHC4TP Account'],
    scope: 'account',
    portal: [{ label: 'Red Hat Connect: Company dashboard → Users', url: PORTAL.connect }],
    portalTasks: [
      'Company Dashboard → Users → Manage users → Add new user, fill in, Save.',
      'Check “Organization Administrator” for everyone who needs software access and the certification tools (several users may be Org Admins).',
    ],
    inApp: [],
    inAppSummary: 'Note who has Org Admin rights (FAQ 1: the admin account, or users it grants, may upload images).',
    doneWhen: 'You confirm the people doing the certification are Org Admins.',
    evidenceKinds: [],
    manual: true,
  },
  {
    id: 'software-access',
    title: 'Software access (NFR subscriptions)',
    guideSections: ['Request Software Access', 'Access granted software entitlements'],
    scope: 'account',
    portal: [
      { label: 'Red Hat Connect: Software access', url: PORTAL.connect },
      { label: 'Customer Portal downloads', url: PORTAL.downloads },
    ],
    portalTasks: [
      '“As a program member you receive” → Software access → Learn more → Platforms → “Request subscription” (Red Hat Enterprise Linux includes Red Hat Virtualization).',
      'When the e-mail arrives: access.redhat.com → Downloads → choose the product family and follow the instructions.',
    ],
    inApp: [],
    inAppSummary: 'Record when the subscriptions were granted.',
    doneWhen: 'You confirm the no-cost (NFR) subscriptions are granted.',
    evidenceKinds: [],
    manual: true,
  },
  {
    id: 'create-project',
    title: 'Create the certification project',
    guideSections: ['Create a Certification Project'],
    scope: 'project',
    portal: [{ label: 'Red Hat Connect: Zones → OpenStack & NFV → Create a project', url: PORTAL.connect }],
    portalTasks: [
      'Zones → OpenStack & NFV → “Create a project”: project name, product, product version, Release Category “Tech Preview”, Red Hat OpenStack Platform 13. Submit.',
      'Copy the Project ID from the project page; later the registry pid and namespace from “Upload your image”.',
    ],
    inApp: [],
    inAppSummary: 'Create the same project here. The product version can’t be changed after creation (FAQ 2).',
    doneWhen: 'The project exists in CertDesk with the portal’s Project ID.',
    evidenceKinds: [],
    manual: false,
  },
  {
    id: 'tree-status',
    title: 'In-tree or out-of-tree',
    guideSections: ['In Tree vs Out of Tree', 'In Tree', 'Out of Tree', 'Functional Certification', 'In Tree Certification Workflow', 'Out of Tree Certification Workflow'],
    scope: 'project',
    portal: [{ label: 'Functional certification guide', url: PORTAL.functionalCertification }],
    portalTasks: [
      'Red Hat contacts you to decide whether the project is in tree or out of tree (no contact: e-mail connect@redhat.com).',
      'In tree: follow the ABC guide (Align, Build, Certify) and “Request Certification”. Out of tree: continue with the container checklist.',
    ],
    inApp: [],
    inAppSummary: 'Answer a few questions; CertDesk says which it is and what follows.',
    doneWhen: 'The project is marked in tree or out of tree.',
    evidenceKinds: [],
    manual: false,
  },
  {
    id: 'checklist',
    title: 'The container certification checklist',
    guideSections: ['The Container Certification Checklist', 'Certification Checklist Section Descriptions'],
    scope: 'project',
    portal: [{ label: 'Red Hat Connect: project → Certification Checklist', url: PORTAL.connect }],
    portalTasks: ['Work through the profile items of the checklist (company, product, OpenStack appendix, project profile, collateral, namespace, sales contact).'],
    inApp: [{ label: 'Checklist', href: '#/checklist' }],
    inAppSummary: 'Track the ten items, their notes and the collateral; items CertDesk can verify complete themselves.',
    doneWhen: 'Every profile item is done (packaging, build service and distribution approval follow in later steps).',
    evidenceKinds: [],
    manual: false,
  },
  {
    id: 'dockerfile',
    title: 'Dockerfile',
    guideSections: ['Preparing the Image For Scanning', 'Dockerfile Requirements'],
    scope: 'project',
    portal: [],
    portalTasks: ['Nothing in the portal: the Dockerfile lives in your repository (Red Hat base image, required labels, licenses in /licenses, a non-root USER).'],
    inApp: [{ label: 'Dockerfile check', href: '#/dockerfile' }],
    inAppSummary: 'Check the Dockerfile against the requirements, with fixes.',
    doneWhen: 'A Dockerfile check passed.',
    evidenceKinds: ['lint'],
    manual: false,
  },
  {
    id: 'build',
    title: 'Build',
    guideSections: ['The Build Service'],
    scope: 'project',
    portal: [{ label: 'Red Hat Connect: project → Build Service', url: PORTAL.connect }],
    portalTasks: [
      'Build Service → Configure Automated Build Service: the git URL (HTTPS if public; SSH plus an RSA PEM private key made for this project if private) and the Dockerfile name.',
      '“Start new build” with a tag (ASCII; letters, digits, _ . -; not starting with . or -; at most 32 characters).',
    ],
    inApp: [
      { label: 'Build & push', href: '#/build' },
      { label: 'Deploy keys', href: '#/keys' },
    ],
    inAppSummary: 'Build locally and make and verify the project’s deploy key.',
    doneWhen: 'A local build passed, or the build service is configured with a verified deploy key.',
    evidenceKinds: ['build', 'deploy-key', 'repo-check'],
    manual: false,
  },
  {
    id: 'scan',
    title: 'Scan',
    guideSections: ['Image Scan Results'],
    scope: 'project',
    portal: [{ label: 'Red Hat Connect: project → Container Information', url: PORTAL.connect }],
    portalTasks: ['The portal scans each uploaded image (10–15 minutes) and lists the assessments (has_licenses, is_rhel, …).'],
    inApp: [{ label: 'Scan', href: '#/scan' }],
    inAppSummary: 'Run the same assessments offline before uploading.',
    doneWhen: 'A scan passed.',
    evidenceKinds: ['scan'],
    manual: false,
  },
  {
    id: 'upload',
    title: 'Upload',
    guideSections: ['Manually Upload Your Image', 'Downloading Your Unpublished Container'],
    scope: 'project',
    portal: [{ label: 'Red Hat Connect: project → Upload Your Image', url: PORTAL.connect }],
    portalTasks: [
      'Upload Your Image: the registry key (unique per project) is the password for scan.connect.redhat.com (user “unused”).',
      'Push to scan.connect.redhat.com/<pid>/<image>:<tag> (not registry.rhc4tp.openshift.com, FAQ 8).',
    ],
    inApp: [{ label: 'Build & push', href: '#/build' }],
    inAppSummary: 'Push with the key from the keychain and keep the digest.',
    doneWhen: 'An image was pushed and its digest recorded.',
    evidenceKinds: ['push'],
    manual: false,
  },
  {
    id: 'publish',
    title: 'Publish',
    guideSections: ['The Build Service'],
    scope: 'project',
    portal: [{ label: 'Red Hat Connect: project → Container Information → Publish', url: PORTAL.connect }],
    portalTasks: ['When the portal shows “Passed”, click “Publish” (it becomes “Unpublish”); the image appears in the catalog as Tech Preview.'],
    inApp: [{ label: 'Checklist: images', href: '#/checklist' }],
    inAppSummary: 'Mark which image you published.',
    doneWhen: 'An image is marked published.',
    evidenceKinds: [],
    manual: false,
  },
  {
    id: 'export-compliance',
    title: 'Export compliance',
    guideSections: ['Export Compliance Questionnaire'],
    scope: 'project',
    portal: [{ label: 'Red Hat Export Control Product Matrix (example)', url: PORTAL.exportMatrix }],
    portalTasks: ['Red Hat sends the questionnaire; your legal team answers it; you return it; Red Hat legal decides in about 5 business days.'],
    inApp: [{ label: 'Export compliance tracker', href: '#/checklist' }],
    inAppSummary: 'Track the four steps, their dates, the expected answer date and the outcome.',
    doneWhen: 'Red Hat approved.',
    evidenceKinds: [],
    manual: false,
  },
  {
    id: 'maintenance',
    title: 'Maintenance',
    guideSections: ['Maintaining Certified Images'],
    scope: 'project',
    portal: [{ label: 'Container Health Index', url: PORTAL.healthIndex }],
    portalTasks: ['Rebuild when Red Hat publishes updates; below grade A, connect@redhat.com e-mails your contact list.'],
    inApp: [
      { label: 'Dashboard: health of published images', href: '#/dashboard' },
      { label: 'Scan', href: '#/scan' },
    ],
    inAppSummary: 'CertDesk shows each published image’s grade estimate, last rebuild and when a rebuild is due.',
    doneWhen: 'You confirm the maintenance plan (automated build service or a rebuild routine).',
    evidenceKinds: [],
    manual: true,
  },
];

export interface StepState {
  done: boolean;
  by?: 'evidence' | 'user' | 'app';
  /** What CertDesk saw, or what's missing. */
  detail: string;
}

const PROFILE_ITEMS: ChecklistItemId[] = ['company-profile', 'product-profile', 'openstack-appendix', 'project-profile', 'documentation-marketing', 'registry-namespace', 'sales-contact'];

function marked(profile: Profile, project: Project | undefined, step: WizardStepDef): { doneAt?: string } | undefined {
  const entry = step.scope === 'account' ? profile.wizard.steps[step.id] : project?.steps[step.id];
  return entry?.doneAt ? entry : undefined;
}

/** Whether a step is done, and by whom: evidence CertDesk recorded, the app's own model, or the user's word. */
export function evaluateStep(step: WizardStepDef, profile: Profile, project: Project | undefined): StepState {
  const mark = marked(profile, project, step);
  const byUser = (detail: string): StepState => (mark ? { done: true, by: 'user', detail: `Marked done ${mark.doneAt?.slice(0, 10)}.` } : { done: false, detail });
  if (step.scope === 'project' && !project) return { done: false, detail: 'Create the project first.' };
  const ev = project?.evidence ?? [];
  switch (step.id) {
    case 'register':
      if (!profile.company?.name) return { done: false, detail: 'No company recorded yet.' };
      return byUser('Confirm the partner agreement is accepted.');
    case 'product': {
      const product = profile.products.find((p) => p.versions.length > 0);
      return product ? { done: true, by: 'app', detail: `${product.name}: ${product.versions.map((v) => v.label).join(', ')}` } : { done: false, detail: 'No product with a version yet.' };
    }
    case 'create-project':
      return project!.portalProjectId
        ? { done: true, by: 'app', detail: `Project ${project!.name}, portal id ${project!.portalProjectId}.` }
        : { done: false, detail: 'Record the portal’s Project ID.' };
    case 'tree-status':
      return project!.treeStatus === 'undecided' ? { done: false, detail: 'Not decided yet.' } : { done: true, by: 'app', detail: project!.treeStatus === 'in-tree' ? 'In tree.' : 'Out of tree.' };
    case 'checklist': {
      const items = deriveChecklist(project!).filter((i) => PROFILE_ITEMS.includes(i.def.id));
      const open = items.filter((i) => i.status !== 'done');
      return open.length === 0 ? { done: true, by: 'app', detail: 'Every profile item is done.' } : { done: false, detail: `Open: ${open.map((i) => i.def.title).join('; ')}.` };
    }
    case 'dockerfile': {
      const lint = latest(ev, 'lint', true);
      return lint ? { done: true, by: 'evidence', detail: `Dockerfile check passed ${lint.at.slice(0, 10)} (${lint.subject}).` } : byUser('No passing Dockerfile check yet.');
    }
    case 'build': {
      const build = latest(ev, 'build', true);
      if (build) return { done: true, by: 'evidence', detail: `Build passed ${build.at.slice(0, 10)} (${build.subject}).` };
      const verified = verifiedDeployKey(ev);
      if (verified) return { done: true, by: 'evidence', detail: `Deploy key verified ${verified.check.at.slice(0, 10)} (${verified.key.subject} on ${verified.check.subject}).` };
      return { done: false, detail: 'No passing build and no verified deploy key yet.' };
    }
    case 'scan': {
      const scan = latest(ev, 'scan', true);
      return scan ? { done: true, by: 'evidence', detail: `Scan passed ${scan.at.slice(0, 10)} (${scan.subject}).` } : { done: false, detail: 'No passing scan yet.' };
    }
    case 'upload': {
      const push = ev.filter((e) => e.kind === 'push' && e.passed && e.digest).at(-1);
      return push ? { done: true, by: 'evidence', detail: `Pushed ${push.subject} (${push.digest}).` } : { done: false, detail: 'No pushed digest yet.' };
    }
    case 'publish': {
      const image = project!.images.find((i) => i.publishedAt);
      return image ? { done: true, by: 'user', detail: `Image ${image.tag} published ${image.publishedAt?.slice(0, 10)}.` } : { done: false, detail: 'No image marked published.' };
    }
    case 'export-compliance': {
      const c = project!.exportCompliance;
      return c.outcome === 'approved' ? { done: true, by: 'user', detail: `Approved ${c.outcomeAt?.slice(0, 10) ?? ''}.` } : { done: false, detail: `Outcome: ${c.outcome}.` };
    }
    default:
      return byUser('Confirm in the portal, then mark it done.');
  }
}

export interface JourneyState {
  steps: { def: WizardStepDef; state: StepState }[];
  done: number;
  total: number;
  /** The first step not done (the next action), or undefined when everything is. */
  next?: WizardStepDef;
}

export function evaluateJourney(profile: Profile, project: Project | undefined): JourneyState {
  const steps = WIZARD_STEPS.map((def) => ({ def, state: evaluateStep(def, profile, project) }));
  const done = steps.filter((s) => s.state.done).length;
  const next = steps.find((s) => !s.state.done)?.def;
  return next ? { steps, done, total: steps.length, next } : { steps, done, total: steps.length };
}

export function isWizardStepId(value: string): value is WizardStepId {
  return (WIZARD_STEP_IDS as readonly string[]).includes(value);
}

export { collateralStatus };
