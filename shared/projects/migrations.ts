import { PROFILE_SCHEMA_VERSION, ProfileSchema, type Profile } from './model';

/**
 * Versioned migrations of the settings file. Each step takes the raw document of version N and
 * returns version N+1; `migrateProfile` runs them in order and validates the result with zod.
 * The same migrations run whichever process opens the file first (Electron, `serve` or the CLI).
 */
type RawDoc = Record<string, unknown>;
type Migration = (doc: RawDoc) => RawDoc;

export class NewerSchemaError extends Error {
  constructor(readonly found: number) {
    super(`The settings file was written by a newer CertDesk (schema ${found}, this one knows ${PROFILE_SCHEMA_VERSION}).`);
  }
}

function isRecord(value: unknown): value is RawDoc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function slug(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'item';
}

/**
 * v1 (the first CertDesk draft) kept the company as a string and each project carried its product
 * and product version as free text, with the checklist as booleans. v2 lifts products and their
 * versions into their own list (the portal's shape: a product has versions, a project picks one).
 */
const v1ToV2: Migration = (doc) => {
  const now = typeof doc.savedAt === 'string' ? doc.savedAt : new Date(0).toISOString();
  const products = new Map<string, { id: string; name: string; versions: { id: string; label: string; createdAt: string; notes: string }[]; createdAt: string; updatedAt: string }>();
  const projects = (Array.isArray(doc.projects) ? doc.projects : []).filter(isRecord).map((p) => {
    const productName = typeof p.product === 'string' && p.product ? p.product : 'Unnamed product';
    const versionLabel = typeof p.productVersion === 'string' && p.productVersion ? p.productVersion : '1.0';
    const productId = `prod-${slug(productName)}`;
    const product = products.get(productId) ?? { id: productId, name: productName, versions: [], createdAt: now, updatedAt: now };
    products.set(productId, product);
    const versionId = `ver-${slug(versionLabel)}`;
    if (!product.versions.some((v) => v.id === versionId)) product.versions.push({ id: versionId, label: versionLabel, createdAt: now, notes: '' });
    const checklist: RawDoc = {};
    if (isRecord(p.checklist)) {
      for (const [item, done] of Object.entries(p.checklist)) checklist[item] = { status: done === true ? 'done' : 'not-started', notes: '', completedBy: done === true ? 'user' : undefined };
    }
    const createdAt = typeof p.createdAt === 'string' ? p.createdAt : now;
    return {
      id: String(p.id ?? `proj-${slug(String(p.name ?? 'project'))}`),
      name: String(p.name ?? 'project'),
      productId,
      productVersionId: versionId,
      registryPid: typeof p.pid === 'string' ? p.pid : '',
      imageName: typeof p.imageName === 'string' ? p.imageName : '',
      checklist,
      notes: typeof p.notes === 'string' ? p.notes : '',
      createdAt,
      updatedAt: createdAt,
    };
  });
  const { companyName, savedAt: _savedAt, projects: _projects, ...rest } = doc;
  void _savedAt;
  void _projects;
  return {
    ...rest,
    schemaVersion: 2,
    ...(typeof companyName === 'string' && companyName ? { company: { name: companyName } } : {}),
    products: [...products.values()],
    projects,
  };
};

/** Index = the version migrated from. */
const MIGRATIONS: Record<number, Migration> = { 1: v1ToV2 };

export interface MigrationResult {
  profile: Profile;
  /** The version the document had when read, when a migration ran. */
  migratedFrom?: number;
}

/** Brings any document CertDesk ever wrote to the current schema. Throws a ZodError when it isn't one. */
export function migrateProfile(raw: unknown): MigrationResult {
  if (raw === undefined || (isRecord(raw) && Object.keys(raw).length === 0)) {
    return { profile: ProfileSchema.parse({ schemaVersion: PROFILE_SCHEMA_VERSION }) };
  }
  if (!isRecord(raw)) return { profile: ProfileSchema.parse(raw) };
  const start = typeof raw.schemaVersion === 'number' ? raw.schemaVersion : 1;
  if (start > PROFILE_SCHEMA_VERSION) throw new NewerSchemaError(start);
  let doc: RawDoc = raw;
  for (let version = start; version < PROFILE_SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`No migration from settings schema ${version}.`);
    doc = step(doc);
  }
  const profile = ProfileSchema.parse(doc);
  return start === PROFILE_SCHEMA_VERSION ? { profile } : { profile, migratedFrom: start };
}
