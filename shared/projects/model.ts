import { z } from 'zod';

/**
 * The project model CertDesk keeps with its settings (one JSON file, `config.json` in the data
 * folder). Pure: the zod schema is the single definition both the store and the UI rely on.
 * Never a secret in here: keys are referenced by id and fingerprint only (CONTRIBUTING, "Rules").
 */
export const PROFILE_SCHEMA_VERSION = 2;

const text = (max = 2000) => z.string().max(max);
const isoDate = z.string().max(40);
const id = z.string().min(1).max(80);

export const Notes = text(20_000);

/** Company registration (guide: "Register for RHC4TP & Request Technology Partnership"). */
export const CompanySchema = z.object({
  name: text(200),
  notes: Notes.default(''),
  registeredAt: isoDate.optional(),
  partnerAgreementAcceptedAt: isoDate.optional(),
  zoneRequestedAt: isoDate.optional(),
  zoneApprovedAt: isoDate.optional(),
  salesContact: text(400).default(''),
});
export type Company = z.infer<typeof CompanySchema>;

/** A product version as the portal names it, e.g. "RHOSP 13 network plugin version 1.x" (guide: "Add a Product"). */
export const ProductVersionSchema = z.object({ id, label: text(200), notes: Notes.default(''), createdAt: isoDate });
export type ProductVersion = z.infer<typeof ProductVersionSchema>;

export const ProductSchema = z.object({
  id,
  name: text(200),
  url: text(500).default(''),
  /** "The Product Contact Distribution List must contain at least one email." */
  contactList: z.array(text(320)).max(50).default([]),
  versions: z.array(ProductVersionSchema).max(100).default([]),
  notes: Notes.default(''),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Product = z.infer<typeof ProductSchema>;

export const CHECKLIST_ITEM_IDS = [
  'company-profile',
  'product-profile',
  'openstack-appendix',
  'project-profile',
  'package-and-test',
  'documentation-marketing',
  'registry-namespace',
  'sales-contact',
  'distribution-approval',
  'automated-build-service',
] as const;
export type ChecklistItemId = (typeof CHECKLIST_ITEM_IDS)[number];

export const ChecklistStatusSchema = z.enum(['not-started', 'in-progress', 'done']);
export type ChecklistStatus = z.infer<typeof ChecklistStatusSchema>;

export const ChecklistEntrySchema = z.object({
  status: ChecklistStatusSchema.default('not-started'),
  notes: Notes.default(''),
  updatedAt: isoDate.optional(),
  doneAt: isoDate.optional(),
  /** `evidence` when CertDesk completed it from its own checks (a passing lint and scan, a working key). */
  completedBy: z.enum(['user', 'evidence']).optional(),
});
export type ChecklistEntry = z.infer<typeof ChecklistEntrySchema>;

export const COLLATERAL_TYPES = ['document', 'datasheet', 'solution-brief', 'video', 'webpage', 'other'] as const;
export const CollateralSchema = z.object({
  id,
  title: text(300),
  type: z.enum(COLLATERAL_TYPES),
  url: text(1000).default(''),
  uploadedAt: isoDate.optional(),
  notes: Notes.default(''),
  addedAt: isoDate,
});
export type Collateral = z.infer<typeof CollateralSchema>;

export const EXPORT_OUTCOMES = ['pending', 'approved', 'deferred', 'more-information', 'declined'] as const;
export type ExportOutcome = (typeof EXPORT_OUTCOMES)[number];
/** Guide: "Export Compliance Questionnaire", the four steps of the evaluation. */
export const ExportComplianceSchema = z.object({
  questionnaireReceivedAt: isoDate.optional(),
  legalReviewStartedAt: isoDate.optional(),
  returnedAt: isoDate.optional(),
  outcome: z.enum(EXPORT_OUTCOMES).default('pending'),
  outcomeAt: isoDate.optional(),
  notes: Notes.default(''),
});
export type ExportCompliance = z.infer<typeof ExportComplianceSchema>;

/** Guide: "The Build Service". The private key itself stays in the keychain: only its id and fingerprint here. */
export const BuildServiceSchema = z.object({
  repositoryUrl: text(1000).default(''),
  dockerfileName: text(255).default('Dockerfile'),
  deployKeyRef: z.object({ keyId: text(200), fingerprint: text(200) }).optional(),
  configuredAt: isoDate.optional(),
  notes: Notes.default(''),
});
export type BuildService = z.infer<typeof BuildServiceSchema>;

export const ScanResultSchema = z.object({
  passed: z.boolean(),
  at: isoDate,
  summary: text(2000).default(''),
  /** Container Health Index estimate the scan engineer records (`data.grade`). */
  grade: z.enum(['A', 'B', 'C', 'D', 'E', 'F', 'E/F']).optional(),
  /** Where the report lives (a path or id), never its content. */
  reportRef: text(1000).optional(),
  failedChecks: z.array(text(200)).max(100).default([]),
});
export type ScanResult = z.infer<typeof ScanResultSchema>;

/** One image tag through its life: built, scanned, pushed, published. */
export const ImageRecordSchema = z.object({
  tag: text(128),
  reference: text(1000).default(''),
  digest: text(200).optional(),
  builtAt: isoDate.optional(),
  pushedAt: isoDate.optional(),
  publishedAt: isoDate.optional(),
  /** Base image the build used and whether a newer one exists (the build engineer may record it). */
  baseImage: text(500).optional(),
  baseImageUpdatedAt: isoDate.optional(),
  scans: z.array(ScanResultSchema).max(50).default([]),
  notes: Notes.default(''),
});
export type ImageRecord = z.infer<typeof ImageRecordSchema>;

export const EVIDENCE_KINDS = ['lint', 'build', 'scan', 'push', 'pull', 'deploy-key', 'repo-check', 'login'] as const;
export const EvidenceSchema = z.object({
  projectId: text(200),
  kind: z.enum(EVIDENCE_KINDS),
  subject: text(1000),
  passed: z.boolean(),
  at: isoDate,
  digest: text(200).optional(),
  tag: text(128).optional(),
  summary: text(2000).optional(),
  data: z.record(z.string().max(100), z.union([z.string().max(2000), z.number(), z.boolean()])).optional(),
});
export type StoredEvidence = z.infer<typeof EvidenceSchema>;

export const TREE_STATUSES = ['undecided', 'in-tree', 'out-of-tree'] as const;
export type TreeStatus = (typeof TREE_STATUSES)[number];

export const RED_HAT_PRODUCT = 'Red Hat OpenStack Platform';

export const ProjectSchema = z.object({
  id,
  name: text(200),
  productId: id,
  productVersionId: id,
  /** Guide: "Select Tech Preview ... General Availability is not an option for OpenStack plugins." */
  releaseCategory: z.literal('tech-preview').default('tech-preview'),
  redHatProduct: text(200).default(RED_HAT_PRODUCT),
  redHatProductVersion: text(40).default('13'),
  /** The portal's Project ID (e.g. f34cbd3f-…), once created there. */
  portalProjectId: text(200).default(''),
  /** The registry pid (`p7869…`) of `scan.connect.redhat.com/<pid>/<image>`. */
  registryPid: text(200).default(''),
  registryNamespace: text(200).default(''),
  imageName: text(200).default(''),
  treeStatus: z.enum(TREE_STATUSES).default('undecided'),
  treeDecidedAt: isoDate.optional(),
  checklist: z.partialRecord(z.enum(CHECKLIST_ITEM_IDS), ChecklistEntrySchema).default({}),
  collateral: z.array(CollateralSchema).max(200).default([]),
  exportCompliance: ExportComplianceSchema.default({ outcome: 'pending', notes: '' }),
  buildService: BuildServiceSchema.default({ repositoryUrl: '', dockerfileName: 'Dockerfile', notes: '' }),
  images: z.array(ImageRecordSchema).max(500).default([]),
  evidence: z.array(EvidenceSchema).max(1000).default([]),
  /** Wizard steps the user marked done for this project, with the date and a note. */
  steps: z.record(z.string().max(60), z.object({ doneAt: isoDate.optional(), notes: Notes.default('') })).default({}),
  notes: Notes.default(''),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Project = z.infer<typeof ProjectSchema>;

export const NoticeSchema = z.object({ id, at: isoDate, level: z.enum(['info', 'warning', 'danger']), message: text(2000) });
export type Notice = z.infer<typeof NoticeSchema>;

/** The wizard's place: resumable at any point (the current step is persisted). */
export const WizardStateSchema = z.object({
  currentStep: text(60).default('register'),
  projectId: text(80).optional(),
  /** Account-wide steps (before a project exists) the user marked done. */
  steps: z.record(z.string().max(60), z.object({ doneAt: isoDate.optional(), notes: Notes.default('') })).default({}),
});
export type WizardState = z.infer<typeof WizardStateSchema>;

/** Unknown top-level keys survive (another capability may keep its settings in the same file). */
export const ProfileSchema = z.looseObject({
  schemaVersion: z.literal(PROFILE_SCHEMA_VERSION),
  company: CompanySchema.optional(),
  products: z.array(ProductSchema).max(200).default([]),
  projects: z.array(ProjectSchema).max(200).default([]),
  wizard: WizardStateSchema.default({ currentStep: 'register', steps: {} }),
  /** Evidence that named no known project; kept so it can be looked at, bounded. */
  unassignedEvidence: z.array(EvidenceSchema).max(200).default([]),
  notices: z.array(NoticeSchema).max(50).default([]),
});
export type Profile = z.infer<typeof ProfileSchema>;

export function emptyProfile(): Profile {
  return ProfileSchema.parse({ schemaVersion: PROFILE_SCHEMA_VERSION });
}

/** Evidence kept per project; older entries fall off first (the image history keeps the facts). */
export const MAX_EVIDENCE_PER_PROJECT = 1000;
