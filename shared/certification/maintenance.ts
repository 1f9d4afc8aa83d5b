import type { ImageRecord, Project } from '../projects/model';

/**
 * Maintenance of published images (guide: "Maintaining Certified Images"): the Container Health
 * Index grade estimate from the last scan, the last rebuild, and whether a rebuild is due.
 */
export const BELOW_A_REMINDER = 'If an image falls below an “A” grade, connect@redhat.com sends periodic e-mails to the partner contact list.';

export interface ImageHealth {
  tag: string;
  published: boolean;
  grade?: string;
  lastScanAt?: string;
  lastRebuildAt?: string;
  rebuildDue: boolean;
  reasons: string[];
}

export function imageHealth(image: ImageRecord): ImageHealth {
  const last = [...image.scans].sort((a, b) => a.at.localeCompare(b.at)).at(-1);
  const reasons: string[] = [];
  if (last?.grade && last.grade !== 'A') reasons.push(`Health grade ${last.grade} (below A): Red Hat e-mails your contact list.`);
  if (last && last.failedChecks.includes('free_of_critical_vulnerabilities')) reasons.push('The last scan found critical vulnerabilities.');
  if (image.baseImageUpdatedAt && (!image.builtAt || image.baseImageUpdatedAt > image.builtAt)) reasons.push(`The base image was updated ${image.baseImageUpdatedAt.slice(0, 10)}, after the last build.`);
  const health: ImageHealth = { tag: image.tag, published: Boolean(image.publishedAt), rebuildDue: reasons.length > 0, reasons };
  if (last?.grade) health.grade = last.grade;
  if (last) health.lastScanAt = last.at;
  if (image.builtAt) health.lastRebuildAt = image.builtAt;
  return health;
}

/** Health of each published image of a project (unpublished ones aren't in the catalog yet). */
export function publishedHealth(project: Project): ImageHealth[] {
  return project.images.filter((i) => i.publishedAt).map(imageHealth);
}
