/**
 * Evidence other capabilities leave for the checklist and the wizard: a passing lint, a scan, a
 * working deploy key, a pushed digest. The projects service stores it with the project.
 */
export type EvidenceKind = 'lint' | 'build' | 'scan' | 'push' | 'pull' | 'deploy-key' | 'repo-check' | 'login';

export interface EvidenceEvent {
  projectId: string;
  kind: EvidenceKind;
  /** Image reference, Dockerfile path, key id: what the evidence is about. */
  subject: string;
  passed: boolean;
  at: string;
  digest?: string;
  tag?: string;
  summary?: string;
  /** Small structured facts (counts, ids). Never a secret. */
  data?: Record<string, string | number | boolean>;
}

export interface EvidenceRecorder {
  record(event: EvidenceEvent): Promise<void>;
}
