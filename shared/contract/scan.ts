import { z } from 'zod';
import type { ScanHistoryEntry, ScanReport } from '../scan/scan-model';
import type { VulnIndexSource } from '../vulns/vuln-index';
import { defineCall } from './define-call';

export type { CheckResult, ScanHistoryEntry, ScanProfile, ScanReport } from '../scan/scan-model';

const PathSchema = z.string().min(1).max(4096);
const ImageRefSchema = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/, 'not an image reference');
const ScanIdSchema = z.string().regex(/^scan-[a-z0-9-]{4,64}$/, 'not a scan id');
const ReportFormatSchema = z.enum(['json', 'junit', 'sarif', 'html', 'text']);

export const ScanSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('engine'), ref: ImageRefSchema }).strict(),
  z.object({ kind: z.literal('archive'), path: PathSchema }).strict(),
]);
export type ScanSource = z.infer<typeof ScanSourceSchema>;

export interface VulnDataStatus {
  imported: boolean;
  importedAt?: string;
  /** Newest advisory date in the data: how fresh it is. */
  newestDocument?: string;
  ageDays?: number;
  sources: VulnIndexSource[];
  packages: number;
  records: number;
}

export interface ScanExportResult {
  path: string;
  bytes: number;
}

export const scanCalls = {
  /** Reads the image once (engine `docker save` stream or an archive), runs the profile's assessments. */
  'scan.start': defineCall(
    z
      .object({
        source: ScanSourceSchema,
        profile: z.enum(['connect', 'preflight']).default('connect'),
        /** Security data for this scan only (folder or tar/tar.gz); else the imported data. */
        vulnsPath: PathSchema.optional(),
        projectId: z.string().min(1).max(128).optional(),
      })
      .strict(),
  ).startsOperation<ScanReport>(),
  /** Past scans, newest first; per image when `image` is given. */
  'scan.history': defineCall(z.object({ image: z.string().min(1).max(512).optional() }).strict()).returns<ScanHistoryEntry[]>(),
  'scan.report': defineCall(z.object({ id: ScanIdSchema }).strict()).returns<ScanReport>(),
  /** Renders a stored report in a format and writes it to `path`. */
  'scan.export': defineCall(z.object({ id: ScanIdSchema, format: ReportFormatSchema, path: PathSchema }).strict()).returns<ScanExportResult>(),
  /** Renders a stored report in a format and returns the text (CLI, copy to clipboard). */
  'scan.render': defineCall(z.object({ id: ScanIdSchema, format: ReportFormatSchema }).strict()).returns<{ content: string }>(),
  /** Imports Red Hat CSAF/VEX JSON or OVAL v2 XML from a folder or a tar/tar.gz archive into the data folder. */
  'vulns.import': defineCall(z.object({ path: PathSchema }).strict()).startsOperation<VulnDataStatus>(),
  'vulns.status': defineCall(z.object({}).strict()).returns<VulnDataStatus>(),
};
