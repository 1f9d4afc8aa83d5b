import { z } from 'zod';
import { WIZARD_STEP_IDS } from '../certification/wizard-steps';
import { CHECKLIST_ITEM_IDS, COLLATERAL_TYPES, EXPORT_OUTCOMES, TREE_STATUSES, type Product, type Profile, type Project } from '../projects/model';
import { defineCall } from './define-call';

/**
 * The project model: company, products, certification projects, their checklist, collateral,
 * export compliance, build-service settings, image history; the wizard's place; status reports.
 * Nothing here ever carries a secret: text that looks like key material is refused.
 */
const looksSecret = (s: string) => /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(s);
const safeText = (max: number) => z.string().max(max).refine((s) => !looksSecret(s), { message: 'Looks like a private key: CertDesk keeps keys in the keychain, never in project notes.' });
const notes = safeText(20_000);
const date = z.string().max(40);
const projectId = z.string().min(1).max(200);

export const projectPatchSchema = z
  .object({
    name: safeText(200).min(1),
    redHatProductVersion: safeText(40),
    portalProjectId: safeText(200),
    registryPid: safeText(200),
    registryNamespace: safeText(200),
    imageName: safeText(200),
    notes,
  })
  .partial()
  .strict();

export const projectsCalls = {
  /** The whole project model (company, products, projects, wizard place, notices). */
  'project.profile': defineCall(z.object({}).strict()).returns<Profile>(),
  'project.saveCompany': defineCall(
    z
      .object({
        name: safeText(200).min(1),
        notes: notes.optional(),
        salesContact: safeText(400).optional(),
        registeredAt: date.optional(),
        partnerAgreementAcceptedAt: date.optional(),
        zoneRequestedAt: date.optional(),
        zoneApprovedAt: date.optional(),
      })
      .strict(),
  ).returns<Profile>(),
  'project.addProduct': defineCall(
    z
      .object({
        name: safeText(200).min(1),
        url: safeText(500).optional(),
        contactList: z.array(safeText(320)).max(50).optional(),
        versions: z.array(safeText(200).min(1)).min(1).max(100),
        notes: notes.optional(),
      })
      .strict(),
  ).returns<Product>(),
  'project.addProductVersion': defineCall(z.object({ productId: z.string().min(1).max(80), label: safeText(200).min(1) }).strict()).returns<Product>(),
  /** Product and product version are fixed at creation (FAQ 2); the release category is always Tech Preview. */
  'project.create': defineCall(
    z
      .object({
        name: safeText(200).min(1),
        productId: z.string().min(1).max(80),
        productVersionId: z.string().min(1).max(80),
        redHatProductVersion: safeText(40).optional(),
        portalProjectId: safeText(200).optional(),
        registryPid: safeText(200).optional(),
        registryNamespace: safeText(200).optional(),
        imageName: safeText(200).optional(),
        notes: notes.optional(),
      })
      .strict(),
  ).returns<Project>(),
  'project.update': defineCall(z.object({ projectId, patch: projectPatchSchema }).strict()).returns<Project>(),
  'project.setTreeStatus': defineCall(z.object({ projectId, status: z.enum(TREE_STATUSES) }).strict()).returns<Project>(),
  /** Build-service settings; a deploy key by reference (keychain id + fingerprint), never the key. */
  'project.setBuildService': defineCall(
    z
      .object({
        projectId,
        repositoryUrl: safeText(1000).optional(),
        dockerfileName: safeText(255).optional(),
        deployKeyRef: z.object({ keyId: safeText(200), fingerprint: safeText(200) }).strict().optional(),
        notes: notes.optional(),
      })
      .strict(),
  ).returns<Project>(),
  'project.updateImage': defineCall(
    z.object({ projectId, tag: z.string().min(1).max(128), published: z.boolean().optional(), notes: notes.optional(), baseImageUpdatedAt: date.optional() }).strict(),
  ).returns<Project>(),
  'project.dismissNotice': defineCall(z.object({ noticeId: z.string().min(1).max(80) }).strict()).returns<Profile>(),
  'checklist.set': defineCall(
    z.object({ projectId, itemId: z.enum(CHECKLIST_ITEM_IDS), status: z.enum(['not-started', 'in-progress', 'done']), notes: notes.optional() }).strict(),
  ).returns<Project>(),
  'checklist.addCollateral': defineCall(
    z
      .object({ projectId, title: safeText(300).min(1), type: z.enum(COLLATERAL_TYPES), url: safeText(1000).optional(), uploaded: z.boolean().optional(), notes: notes.optional() })
      .strict(),
  ).returns<Project>(),
  'checklist.updateCollateral': defineCall(
    z.object({ projectId, collateralId: z.string().min(1).max(80), title: safeText(300).min(1).optional(), uploaded: z.boolean().optional(), notes: notes.optional() }).strict(),
  ).returns<Project>(),
  'checklist.removeCollateral': defineCall(z.object({ projectId, collateralId: z.string().min(1).max(80) }).strict()).returns<Project>(),
  'compliance.update': defineCall(
    z
      .object({
        projectId,
        questionnaireReceivedAt: date.optional(),
        legalReviewStartedAt: date.optional(),
        returnedAt: date.optional(),
        outcome: z.enum(EXPORT_OUTCOMES).optional(),
        outcomeAt: date.optional(),
        notes: notes.optional(),
      })
      .strict(),
  ).returns<Project>(),
  /** The wizard's place (persisted: resumable at any point) and steps the user marks done. */
  'wizard.set': defineCall(
    z
      .object({
        currentStep: z.enum(WIZARD_STEP_IDS).optional(),
        projectId: z.string().min(1).max(80).optional(),
        mark: z.object({ step: z.enum(WIZARD_STEP_IDS), done: z.boolean(), notes: notes.optional(), scope: z.enum(['account', 'project']) }).strict().optional(),
      })
      .strict(),
  ).returns<Profile>(),
  /** A status report as Markdown or HTML text (everything escaped). */
  'report.render': defineCall(z.object({ projectId, format: z.enum(['md', 'html']) }).strict()).returns<RenderedReport>(),
  /** A status report printed to PDF (headless Chromium under `serve`/CLI, printToPDF in Electron). */
  'report.pdf': defineCall(z.object({ projectId, outputPath: z.string().min(1).max(4096).optional() }).strict()).returns<{ path: string; bytes: number }>(),
};

export interface RenderedReport {
  fileName: string;
  mediaType: 'text/markdown' | 'text/html';
  content: string;
}
