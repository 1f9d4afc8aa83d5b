import { z } from 'zod';
import { defineCall } from './define-call';

/** The certification requirement a rule belongs to; the UI groups diagnostics by it. */
export const LINT_REQUIREMENTS = [
  'syntax',
  'base_image',
  'required_labels',
  'licenses',
  'non_root_user',
  'layer_count',
  'prohibited_packages',
  'trademark',
  'secret',
  'best_practice',
] as const;
export type LintRequirement = (typeof LINT_REQUIREMENTS)[number];

export type LintSeverity = 'error' | 'warning' | 'info';

/** One text replacement, by character offsets into the text that was linted (end exclusive). */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** A mechanical fix: apply all edits together (they never overlap). */
export interface QuickFix {
  title: string;
  edits: TextEdit[];
}

export interface LintDiagnostic {
  /** Stable id, e.g. `required-label-missing`; safe to match on in scripts. */
  rule: string;
  requirement: LintRequirement;
  severity: LintSeverity;
  /** What is wrong and what to do about it. */
  message: string;
  /** 1-based, inclusive. */
  line: number;
  endLine: number;
  /** Red Hat documentation for the requirement (https, an allowed Red Hat host). */
  link: string;
  fix?: QuickFix;
}

export interface LintReport {
  /** No diagnostic of severity `error`. */
  passed: boolean;
  diagnostics: LintDiagnostic[];
  /** The final stage's base image after ARG defaults were applied, when there is one. */
  finalBaseImage?: string;
}

/** What the service found in the build context for one license source (`COPY <source> /licenses/`). */
export interface ContextSourceFact {
  /** `outside` = the path leaves the build context; `missing` = nothing matches. */
  status: 'found' | 'missing' | 'outside' | 'unreadable';
  files: Array<{ path: string; size: number; kind: 'text' | 'pdf' | 'binary' }>;
}

/** Build-context facts the pure linter can't gather itself; keyed by the source exactly as written. */
export interface LintContextFacts {
  sources: Record<string, ContextSourceFact>;
}

export interface LintFileResult {
  /** Absolute path that was read. */
  file: string;
  /** The build context that was inspected, when there was one. */
  contextDir?: string;
  text: string;
  /** sha256 of the bytes read; pass it back to `lint.write` so a file changed on disk is never overwritten. */
  sha256: string;
  report: LintReport;
}

export interface LintWriteResult {
  file: string;
  sha256: string;
  /** Where the previous content was kept; absent when the file was new. */
  backupPath?: string;
}

export const STARTER_COMPONENTS = [
  'neutron-server',
  'cinder-volume',
  'manila-share',
  'nova-compute',
  'glance-api',
  'heat-engine',
  'ironic-conductor',
  'octavia-worker',
] as const;
export type StarterComponent = (typeof STARTER_COMPONENTS)[number];

export const RHOSP_VERSIONS = ['13', '16.2', '17.1'] as const;
export type RhospVersion = (typeof RHOSP_VERSIONS)[number];

const shortText = z.string().trim().min(1).max(200);

export const starterInputSchema = z
  .object({
    component: z.enum(STARTER_COMPONENTS),
    rhospVersion: z.enum(RHOSP_VERSIONS),
    vendor: shortText,
    /** e.g. `vendorx-plugin`; becomes part of the image name. */
    pluginName: shortText,
    maintainer: shortText,
    version: shortText,
    release: shortText,
    packageSource: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('repo'), repoFile: shortText, packageName: shortText }).strict(),
      z.object({ kind: z.literal('rpm'), rpmFile: shortText }).strict(),
    ]),
    licenseFile: shortText,
    /** The component's runtime user; defaults to the component's own (cinder, neutron, ...). */
    user: z.string().trim().max(64).optional(),
  })
  .strict();
export type StarterInput = z.input<typeof starterInputSchema>;

const pathSchema = z.string().min(1).max(4096);

export const lintCalls = {
  /** Reads a Dockerfile and lints it; the context (default: its folder) is checked for license files. */
  'lint.file': defineCall(
    z
      .object({
        path: pathSchema,
        contextDir: pathSchema.optional(),
        /** The CertDesk project (id, name or registry pid) the result is evidence for. */
        projectId: z.string().min(1).max(128).optional(),
      })
      .strict(),
  ).returns<LintFileResult>(),
  /** Lints unsaved text (the editor's buffer), with license facts from `contextDir` when given. */
  'lint.text': defineCall(z.object({ text: z.string().max(2_000_000), contextDir: pathSchema.optional() }).strict()).returns<LintReport>(),
  /**
   * Writes text atomically (temp file + rename), keeping a backup. Refuses when the file's sha256 is not
   * `expectedSha256` (changed on disk since it was read); `expectedSha256: null` means "must not exist yet".
   */
  'lint.write': defineCall(
    z.object({ path: pathSchema, text: z.string().max(2_000_000), expectedSha256: z.string().regex(/^[0-9a-f]{64}$/).nullable() }).strict(),
  ).returns<LintWriteResult>(),
  /** A starter Dockerfile for an out-of-tree OpenStack plugin that passes every rule. */
  'lint.starter': defineCall(starterInputSchema).returns<{ text: string; report: LintReport }>(),
};
