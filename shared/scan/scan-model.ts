/** What a scan reads from an image and what it reports: shared by the service, the CLI and the page. */

export type ScanProfile = 'connect' | 'preflight';
export type CheckStatus = 'passed' | 'failed' | 'not-evaluated';

export interface CheckResult {
  /** Portal assessment name (`has_licenses`) or preflight check name (`HasLicense`). */
  name: string;
  status: CheckStatus;
  /** What the check asks for, in one sentence. */
  description: string;
  /** Why it passed, failed or could not be decided: labels, files, packages. */
  evidence: string[];
  /** More evidence than `evidence` holds (a long file list is cut): how many were left out. */
  evidenceOmitted?: number;
  /** What to change when it failed or could not be evaluated. */
  suggestion: string;
  help: string;
  /** Where the rule comes from (guide section, preflight check). */
  source: string;
  knowledgebaseUrl: string;
  checkUrl: string;
  /** Non-failing observations (a modified file of a package not vendored by Red Hat). */
  warnings?: string[];
  elapsedMs: number;
}

export type FileKind = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

/** One path of the image filesystem as the tar headers describe it. */
export interface FileFact {
  path: string;
  kind: FileKind;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  /** Symlink or hardlink target as written in the archive. */
  linkTarget?: string;
  /** Index of the layer that last wrote it. */
  layer: number;
}

export interface ImageConfigFacts {
  labels: Record<string, string>;
  user: string;
  entrypoint: string[];
  cmd: string[];
  env: string[];
  created?: string;
  architecture?: string;
}

export interface VulnFinding {
  cve: string;
  packageName: string;
  installed: string;
  /** The EVR that fixes it; absent for `known_affected` without a fix. */
  fixed?: string;
  advisory?: string;
  severity: 'Critical' | 'Important' | 'Moderate' | 'Low' | 'Unknown';
  state: 'fixed' | 'affected';
  /** Advisory release date (ISO), for the health grade. */
  released?: string;
}

export interface HealthGradeEstimate {
  grade: 'A' | 'B' | 'C' | 'D' | 'E/F' | 'unknown';
  rule: string;
  oldestCriticalDays?: number;
  oldestImportantDays?: number;
  /** E and F limits are not published precisely. */
  unconfirmed: boolean;
}

export interface ScanSourceDescription {
  kind: 'engine' | 'archive';
  /** Image reference or archive path as given. */
  input: string;
  format: 'docker-archive' | 'oci-layout';
}

export interface ScanSummary {
  passed: number;
  failed: number;
  notEvaluated: number;
}

export interface ScanReport {
  id: string;
  image: string;
  tags: string[];
  imageId: string;
  profile: ScanProfile;
  source: ScanSourceDescription;
  startedAt: string;
  finishedAt: string;
  /** True only when every assessment passed (a not-evaluated one is not a pass). */
  passed: boolean;
  summary: ScanSummary;
  checks: CheckResult[];
  layerCount: number;
  bytesRead: number;
  rpm?: { database: string; format: string; packages: number; warnings: string[] };
  osRelease?: Record<string, string>;
  vulnerabilities?: { data: string; dataAge?: string; findings: VulnFinding[] };
  health?: HealthGradeEstimate;
  warnings: string[];
  projectId?: string;
}

export interface ScanHistoryEntry {
  id: string;
  image: string;
  profile: ScanProfile;
  finishedAt: string;
  passed: boolean;
  summary: ScanSummary;
}

export function summarize(checks: readonly CheckResult[]): ScanSummary {
  return {
    passed: checks.filter((c) => c.status === 'passed').length,
    failed: checks.filter((c) => c.status === 'failed').length,
    notEvaluated: checks.filter((c) => c.status === 'not-evaluated').length,
  };
}
