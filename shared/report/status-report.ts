import { EXPORT_OUTCOME_LABELS, expectedDecisionDate } from '../certification/export-compliance';
import { imageHealth } from '../certification/maintenance';
import { evaluateJourney } from '../certification/wizard-steps';
import { deriveChecklist } from '../projects/checklist';
import type { Profile, Project } from '../projects/model';

/**
 * A project's status report (checklist, images, scans, pending steps) as one plain structure,
 * then rendered to Markdown or HTML. Every value from the user or a scan is escaped for its format.
 * Never a secret: the model holds none.
 */
export interface StatusReport {
  title: string;
  generatedAt: string;
  facts: [string, string][];
  progress: { done: number; total: number; next?: string };
  checklist: { title: string; status: string; by: string; notes: string; evidence: string[] }[];
  images: { tag: string; digest: string; built: string; pushed: string; published: string; lastScan: string; grade: string; rebuild: string }[];
  pending: { title: string; detail: string; sections: string }[];
  exportCompliance: string;
  notes: string;
}

const day = (iso?: string) => (iso ? iso.slice(0, 10) : '—');

export function buildStatusReport(profile: Profile, project: Project, generatedAt: string): StatusReport {
  const product = profile.products.find((p) => p.id === project.productId);
  const version = product?.versions.find((v) => v.id === project.productVersionId);
  const journey = evaluateJourney(profile, project);
  const c = project.exportCompliance;
  const expected = expectedDecisionDate(c);
  return {
    title: `Certification status: ${project.name}`,
    generatedAt,
    facts: [
      ['Company', profile.company?.name ?? '—'],
      ['Product', product ? `${product.name} (${version?.label ?? '?'})` : '—'],
      ['Release category', 'Tech Preview'],
      ['Red Hat product', `${project.redHatProduct} ${project.redHatProductVersion}`],
      ['Portal project ID', project.portalProjectId || '—'],
      ['Registry pid / namespace', `${project.registryPid || '—'} / ${project.registryNamespace || '—'}`],
      ['Image name', project.imageName || '—'],
      ['In tree / out of tree', project.treeStatus],
    ],
    progress: journey.next ? { done: journey.done, total: journey.total, next: journey.next.title } : { done: journey.done, total: journey.total },
    checklist: deriveChecklist(project).map((i) => ({
      title: i.def.title,
      status: i.status,
      by: i.def.owner === 'red-hat' ? 'Red Hat' : i.completedBy === 'evidence' ? 'CertDesk evidence' : i.completedBy === 'user' ? 'You' : '',
      notes: i.notes,
      evidence: i.evidence,
    })),
    images: project.images.map((image) => {
      const health = imageHealth(image);
      const last = image.scans.at(-1);
      return {
        tag: image.tag,
        digest: image.digest ?? '—',
        built: day(image.builtAt),
        pushed: day(image.pushedAt),
        published: day(image.publishedAt),
        lastScan: last ? `${last.passed ? 'passed' : 'failed'} ${day(last.at)}${last.failedChecks.length ? ` (${last.failedChecks.join(', ')})` : ''}` : '—',
        grade: health.grade ?? '—',
        rebuild: health.rebuildDue ? `due: ${health.reasons.join(' ')}` : 'not due',
      };
    }),
    pending: journey.steps.filter((s) => !s.state.done).map((s) => ({ title: s.def.title, detail: s.state.detail, sections: s.def.guideSections.join('; ') })),
    exportCompliance: `${EXPORT_OUTCOME_LABELS[c.outcome]}${c.returnedAt ? `; returned ${day(c.returnedAt)}` : ''}${expected && c.outcome === 'pending' ? `; answer expected about ${expected}` : ''}`,
    notes: project.notes,
  };
}

/** Markdown: escape the characters that would start markup, and HTML (Markdown renderers pass HTML through). */
export function escapeMarkdown(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function renderMarkdown(r: StatusReport): string {
  const md = escapeMarkdown;
  const lines = [`# ${md(r.title)}`, '', `Generated ${md(r.generatedAt)} by CertDesk.`, ''];
  for (const [k, v] of r.facts) lines.push(`- **${md(k)}:** ${md(v)}`);
  lines.push('', `## Progress`, '', `${r.progress.done} of ${r.progress.total} steps done.${r.progress.next ? ` Next: ${md(r.progress.next)}.` : ' All steps done.'}`, '');
  lines.push('## Checklist', '', '| Item | Status | By | Notes | Evidence |', '| --- | --- | --- | --- | --- |');
  for (const i of r.checklist) lines.push(`| ${md(i.title)} | ${md(i.status)} | ${md(i.by)} | ${md(i.notes)} | ${md(i.evidence.join('; '))} |`);
  lines.push('', '## Images and scans', '');
  if (r.images.length === 0) lines.push('No image recorded yet.');
  else {
    lines.push('| Tag | Digest | Built | Pushed | Published | Last scan | Grade | Rebuild |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const i of r.images) lines.push(`| ${[i.tag, i.digest, i.built, i.pushed, i.published, i.lastScan, i.grade, i.rebuild].map(md).join(' | ')} |`);
  }
  lines.push('', '## Pending steps', '');
  if (r.pending.length === 0) lines.push('None.');
  for (const p of r.pending) lines.push(`- **${md(p.title)}**: ${md(p.detail)} (guide: ${md(p.sections)})`);
  lines.push('', '## Export compliance', '', md(r.exportCompliance), '');
  if (r.notes) lines.push('## Notes', '', md(r.notes), '');
  return lines.join('\n');
}

export function renderHtml(r: StatusReport): string {
  const h = escapeHtml;
  const table = (head: string[], rows: string[][]) =>
    `<table><thead><tr>${head.map((c) => `<th scope="col">${h(c)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((c) => `<td>${h(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${h(r.title)}</title>
<style>body{font-family:sans-serif;margin:2em;color:#151515}table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border:1px solid #8a8d90;padding:4px 6px;text-align:left;vertical-align:top;font-size:12px}th{background:#f0f0f0}dt{font-weight:bold}</style>
</head><body>
<h1>${h(r.title)}</h1>
<p>Generated ${h(r.generatedAt)} by CertDesk.</p>
<dl>${r.facts.map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`).join('')}</dl>
<h2>Progress</h2><p>${r.progress.done} of ${r.progress.total} steps done.${r.progress.next ? ` Next: ${h(r.progress.next)}.` : ' All steps done.'}</p>
<h2>Checklist</h2>${table(['Item', 'Status', 'By', 'Notes', 'Evidence'], r.checklist.map((i) => [i.title, i.status, i.by, i.notes, i.evidence.join('; ')]))}
<h2>Images and scans</h2>${r.images.length ? table(['Tag', 'Digest', 'Built', 'Pushed', 'Published', 'Last scan', 'Grade', 'Rebuild'], r.images.map((i) => [i.tag, i.digest, i.built, i.pushed, i.published, i.lastScan, i.grade, i.rebuild])) : '<p>No image recorded yet.</p>'}
<h2>Pending steps</h2>${r.pending.length ? `<ul>${r.pending.map((p) => `<li><strong>${h(p.title)}</strong>: ${h(p.detail)} (guide: ${h(p.sections)})</li>`).join('')}</ul>` : '<p>None.</p>'}
<h2>Export compliance</h2><p>${h(r.exportCompliance)}</p>
${r.notes ? `<h2>Notes</h2><p>${h(r.notes)}</p>` : ''}
</body></html>
`;
}
