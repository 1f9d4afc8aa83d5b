import { autoCheck } from './checklist';
import { CHECKLIST_ITEM_IDS, EvidenceSchema, MAX_EVIDENCE_PER_PROJECT, ScanResultSchema, type ImageRecord, type Profile, type Project, type StoredEvidence } from './model';

// The scan says 'E/F' when a grade is past D: Red Hat's exact E and F limits are unconfirmed.
const GRADES = ['A', 'B', 'C', 'D', 'E', 'F', 'E/F'] as const;
type Grade = (typeof GRADES)[number];

/** Which project an event names: local id first, then the registry pid, the portal id, the name. */
export function findProjectFor(profile: Profile, projectId: string): Project | undefined {
  return (
    profile.projects.find((p) => p.id === projectId) ??
    profile.projects.find((p) => p.registryPid !== '' && p.registryPid === projectId) ??
    profile.projects.find((p) => p.portalProjectId !== '' && p.portalProjectId === projectId) ??
    profile.projects.find((p) => p.name === projectId)
  );
}

/** The tag an event is about: its own `tag`, else the part after the last `:` of an image reference. */
function tagOf(event: StoredEvidence): string | undefined {
  if (event.tag) return event.tag;
  const match = /:([\w][\w.-]{0,127})$/.exec(event.subject.split('@')[0] ?? '');
  return match?.[1];
}

function gradeOf(event: StoredEvidence): Grade | undefined {
  const grade = event.data?.grade;
  return typeof grade === 'string' && (GRADES as readonly string[]).includes(grade.toUpperCase()) ? (grade.toUpperCase() as Grade) : undefined;
}

/** Image history from one event: built, scanned, pushed (with its digest). Lint and key checks don't touch it. */
function updateImages(images: ImageRecord[], event: StoredEvidence): ImageRecord[] {
  if (event.kind !== 'build' && event.kind !== 'scan' && event.kind !== 'push') return images;
  const tag = tagOf(event);
  if (!tag) return images;
  const existing = images.find((i) => i.tag === tag);
  const image: ImageRecord = existing ? { ...existing, scans: [...existing.scans] } : { tag, reference: event.subject, scans: [], notes: '' };
  if (!image.reference) image.reference = event.subject;
  if (event.kind === 'build' && event.passed) {
    image.builtAt = event.at;
    if (typeof event.data?.baseImage === 'string') image.baseImage = event.data.baseImage;
  }
  if (event.kind === 'push' && event.passed) {
    image.pushedAt = event.at;
    image.reference = event.subject;
  }
  if (event.digest && event.passed) image.digest = event.digest;
  if (event.kind === 'scan') {
    const grade = gradeOf(event);
    const failed = typeof event.data?.failedChecks === 'string' ? event.data.failedChecks.split(',').filter(Boolean).slice(0, 100) : [];
    image.scans = [
      ...image.scans,
      ScanResultSchema.parse({
        passed: event.passed,
        at: event.at,
        summary: event.summary ?? '',
        ...(grade ? { grade } : {}),
        ...(typeof event.data?.reportRef === 'string' ? { reportRef: event.data.reportRef } : {}),
        failedChecks: failed,
      }),
    ].slice(-50);
  }
  return existing ? images.map((i) => (i === existing ? image : i)) : [...images, image];
}

/** Persists what CertDesk's evidence proves: checklist items it can verify become done (never undone). */
export function autoComplete(project: Project, now: string): Project {
  const checklist = { ...project.checklist };
  for (const id of CHECKLIST_ITEM_IDS) {
    const auto = autoCheck(id, project);
    const entry = checklist[id];
    if (auto?.done && entry?.status !== 'done') checklist[id] = { status: 'done', notes: entry?.notes ?? '', updatedAt: now, doneAt: now, completedBy: 'evidence' };
  }
  return { ...project, checklist };
}

/**
 * Records one evidence event: appended to its project (bounded), image history updated, the
 * checklist auto-completed. Evidence naming no known project is kept aside, never dropped silently.
 */
export function applyEvidence(profile: Profile, raw: StoredEvidence, now: string): Profile {
  const event = EvidenceSchema.parse(raw);
  const project = findProjectFor(profile, event.projectId);
  if (!project) return { ...profile, unassignedEvidence: [...profile.unassignedEvidence, event].slice(-200) };
  let next: Project = {
    ...project,
    evidence: [...project.evidence, event].slice(-MAX_EVIDENCE_PER_PROJECT),
    images: updateImages(project.images, event),
    updatedAt: now,
  };
  next = autoComplete(next, now);
  return { ...profile, projects: profile.projects.map((p) => (p === project ? next : p)) };
}
