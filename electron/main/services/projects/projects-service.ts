import { randomUUID } from 'node:crypto';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import { applyEvidence, autoComplete } from '@shared/projects/evidence';
import type { ChecklistItemId, Collateral, Company, ExportCompliance, Product, Profile, Project } from '@shared/projects/model';
import type { SettingsStore } from '../settings/settings-store';
import type { EvidenceEvent, EvidenceRecorder } from './evidence-recorder';

/** Fields of a project the user may change after creation; product and product version are not among them (FAQ 2). */
export type ProjectPatch = Partial<
  Pick<Project, 'name' | 'redHatProductVersion' | 'portalProjectId' | 'registryPid' | 'registryNamespace' | 'imageName' | 'notes'>
>;

/**
 * The project model's operations: each one a read-modify-write of the settings file under its
 * lock, so the CLI and a running `serve` (or the desktop app) never lose each other's changes.
 */
export class ProjectsService implements EvidenceRecorder {
  constructor(
    private readonly store: SettingsStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  profile(): Profile {
    return this.store.read();
  }

  project(projectId: string): Project {
    const project = this.store.read().projects.find((p) => p.id === projectId || p.name === projectId);
    if (!project) throw notFound(projectId);
    return project;
  }

  /** EvidenceRecorder: other capabilities (lint, scan, push, keys) leave their results here. */
  async record(event: EvidenceEvent): Promise<void> {
    this.store.update((p) => applyEvidence(p, event, this.stamp()));
  }

  saveCompany(company: Partial<Company> & { name: string }): Profile {
    return this.store.update((p) => ({ ...p, company: { notes: '', salesContact: '', ...p.company, ...company } }));
  }

  addProduct(input: { name: string; url?: string; contactList?: string[]; versions: string[]; notes?: string }): Product {
    const at = this.stamp();
    const product: Product = {
      id: `prod-${randomUUID()}`,
      name: input.name,
      url: input.url ?? '',
      contactList: input.contactList ?? [],
      versions: input.versions.map((label) => ({ id: `ver-${randomUUID()}`, label, notes: '', createdAt: at })),
      notes: input.notes ?? '',
      createdAt: at,
      updatedAt: at,
    };
    this.store.update((p) => ({ ...p, products: [...p.products, product] }));
    return product;
  }

  addProductVersion(productId: string, label: string): Product {
    const at = this.stamp();
    const profile = this.store.update((p) => {
      const product = p.products.find((x) => x.id === productId);
      if (!product) throw notFound(productId, 'product');
      const next = { ...product, versions: [...product.versions, { id: `ver-${randomUUID()}`, label, notes: '', createdAt: at }], updatedAt: at };
      return { ...p, products: p.products.map((x) => (x === product ? next : x)) };
    });
    return profile.products.find((x) => x.id === productId)!;
  }

  createProject(input: { name: string; productId: string; productVersionId: string } & ProjectPatch): Project {
    const at = this.stamp();
    const id = `proj-${randomUUID()}`;
    this.store.update((p) => {
      const product = p.products.find((x) => x.id === input.productId);
      if (!product) throw notFound(input.productId, 'product');
      if (!product.versions.some((v) => v.id === input.productVersionId)) throw notFound(input.productVersionId, 'product version');
      if (p.projects.some((x) => x.name === input.name)) {
        throw new AppError(ErrorCode.InvalidInput, `A project named “${input.name}” already exists.`, { hint: 'Project names are unique; pick another.' });
      }
      const project: Project = {
        id,
        releaseCategory: 'tech-preview',
        redHatProduct: 'Red Hat OpenStack Platform',
        redHatProductVersion: '13',
        portalProjectId: '',
        registryPid: '',
        registryNamespace: '',
        imageName: '',
        treeStatus: 'undecided',
        checklist: {},
        collateral: [],
        exportCompliance: { outcome: 'pending', notes: '' },
        buildService: { repositoryUrl: '', dockerfileName: 'Dockerfile', notes: '' },
        images: [],
        evidence: [],
        steps: {},
        notes: '',
        ...input,
        createdAt: at,
        updatedAt: at,
      };
      // Evidence recorded before the project existed (named by its pid or name) joins it now.
      let next: Profile = { ...p, projects: [...p.projects, project], wizard: { ...p.wizard, projectId: p.wizard.projectId ?? id } };
      const waiting = next.unassignedEvidence.filter((e) => [id, project.name, project.registryPid].includes(e.projectId));
      next = { ...next, unassignedEvidence: next.unassignedEvidence.filter((e) => !waiting.includes(e)) };
      for (const e of waiting) next = applyEvidence(next, e, at);
      return next;
    });
    return this.project(id);
  }

  updateProject(projectId: string, patch: ProjectPatch): Project {
    return this.change(projectId, (project) => ({ ...project, ...patch }));
  }

  setTreeStatus(projectId: string, status: Project['treeStatus']): Project {
    return this.change(projectId, (project) => ({ ...project, treeStatus: status, treeDecidedAt: this.stamp() }));
  }

  setChecklistItem(projectId: string, itemId: ChecklistItemId, status: 'not-started' | 'in-progress' | 'done', notes?: string): Project {
    const at = this.stamp();
    return this.change(projectId, (project) => {
      const before = project.checklist[itemId];
      const entry = {
        status,
        notes: notes ?? before?.notes ?? '',
        updatedAt: at,
        ...(status === 'done' ? { doneAt: before?.status === 'done' ? (before.doneAt ?? at) : at, completedBy: 'user' as const } : {}),
      };
      return { ...project, checklist: { ...project.checklist, [itemId]: entry } };
    });
  }

  addCollateral(projectId: string, input: Omit<Collateral, 'id' | 'addedAt'>): Project {
    const item: Collateral = { ...input, id: `col-${randomUUID()}`, addedAt: this.stamp() };
    return this.change(projectId, (project) => ({ ...project, collateral: [...project.collateral, item] }));
  }

  updateCollateral(projectId: string, collateralId: string, patch: Partial<Omit<Collateral, 'id' | 'addedAt'>>): Project {
    return this.change(projectId, (project) => {
      if (!project.collateral.some((c) => c.id === collateralId)) throw notFound(collateralId, 'collateral item');
      return { ...project, collateral: project.collateral.map((c) => (c.id === collateralId ? { ...c, ...patch } : c)) };
    });
  }

  removeCollateral(projectId: string, collateralId: string): Project {
    return this.change(projectId, (project) => ({ ...project, collateral: project.collateral.filter((c) => c.id !== collateralId) }));
  }

  updateCompliance(projectId: string, patch: Partial<ExportCompliance>): Project {
    return this.change(projectId, (project) => ({ ...project, exportCompliance: { ...project.exportCompliance, ...patch } }));
  }

  setBuildService(projectId: string, patch: Partial<Project['buildService']>): Project {
    return this.change(projectId, (project) => ({ ...project, buildService: { ...project.buildService, ...patch, configuredAt: this.stamp() } }));
  }

  updateImage(projectId: string, tag: string, patch: { published?: boolean; notes?: string; baseImageUpdatedAt?: string }): Project {
    return this.change(projectId, (project) => {
      const image = project.images.find((i) => i.tag === tag);
      if (!image) throw notFound(tag, 'image tag');
      const next = { ...image };
      if (patch.notes !== undefined) next.notes = patch.notes;
      if (patch.baseImageUpdatedAt !== undefined) next.baseImageUpdatedAt = patch.baseImageUpdatedAt;
      if (patch.published === true) next.publishedAt = next.publishedAt ?? this.stamp();
      if (patch.published === false) delete next.publishedAt;
      return { ...project, images: project.images.map((i) => (i === image ? next : i)) };
    });
  }

  /** The wizard's place and the steps marked done (account-wide ones on the profile, project ones on the project). */
  setWizard(input: { currentStep?: string; projectId?: string; mark?: { step: string; done: boolean; notes?: string; scope: 'account' | 'project' } }): Profile {
    const at = this.stamp();
    return this.store.update((p) => {
      let next: Profile = { ...p, wizard: { ...p.wizard, ...(input.currentStep ? { currentStep: input.currentStep } : {}), ...(input.projectId ? { projectId: input.projectId } : {}) } };
      const mark = input.mark;
      if (!mark) return next;
      const entry = { ...(mark.done ? { doneAt: at } : {}), notes: mark.notes ?? '' };
      if (mark.scope === 'account') return { ...next, wizard: { ...next.wizard, steps: { ...next.wizard.steps, [mark.step]: entry } } };
      const projectId = input.projectId ?? next.wizard.projectId;
      const project = next.projects.find((x) => x.id === projectId);
      if (!project) throw notFound(projectId ?? '(none)');
      next = { ...next, projects: next.projects.map((x) => (x === project ? { ...x, steps: { ...x.steps, [mark.step]: entry }, updatedAt: at } : x)) };
      return next;
    });
  }

  dismissNotice(noticeId: string): Profile {
    return this.store.update((p) => ({ ...p, notices: p.notices.filter((n) => n.id !== noticeId) }));
  }

  dispose(): void {
    // Nothing held open: every operation reads and writes the file under its lock.
  }

  private change(projectId: string, edit: (project: Project) => Project): Project {
    const at = this.stamp();
    const profile = this.store.update((p) => {
      const project = p.projects.find((x) => x.id === projectId || x.name === projectId);
      if (!project) throw notFound(projectId);
      const next = autoComplete({ ...edit(project), updatedAt: at }, at);
      return { ...p, projects: p.projects.map((x) => (x === project ? next : x)) };
    });
    return profile.projects.find((x) => x.id === projectId || x.name === projectId)!;
  }

  private stamp(): string {
    return this.now().toISOString();
  }
}

function notFound(what: string, kind = 'project'): AppError {
  return new AppError(ErrorCode.NotFound, `No ${kind} “${what}” in CertDesk's settings.`, { hint: kind === 'project' ? 'List them with `certdesk project list`.' : 'Check the id and try again.' });
}
