import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RenderedReport } from '@shared/contract/projects';
import { buildStatusReport, renderHtml, renderMarkdown } from '@shared/report/status-report';
import type { ProjectsService } from '../projects/projects-service';
import type { PdfPrinter } from './pdf-printer';

/** Status reports of a project: Markdown and HTML from the pure renderers, PDF through a printer. */
export class ReportService {
  constructor(
    private readonly projects: ProjectsService,
    private readonly options: { reportsDir: string; tmpDir: string; printer: PdfPrinter; now?: () => Date },
  ) {}

  render(projectId: string, format: 'md' | 'html'): RenderedReport {
    const project = this.projects.project(projectId);
    const report = buildStatusReport(this.projects.profile(), project, (this.options.now?.() ?? new Date()).toISOString());
    const base = `certdesk-status-${safeName(project.name)}`;
    return format === 'md'
      ? { fileName: `${base}.md`, mediaType: 'text/markdown', content: renderMarkdown(report) }
      : { fileName: `${base}.html`, mediaType: 'text/html', content: renderHtml(report) };
  }

  async pdf(projectId: string, outputPath?: string): Promise<{ path: string; bytes: number }> {
    const html = this.render(projectId, 'html');
    mkdirSync(this.options.reportsDir, { recursive: true, mode: 0o700 });
    mkdirSync(this.options.tmpDir, { recursive: true, mode: 0o700 });
    const htmlPath = join(this.options.tmpDir, `${html.fileName}.${process.pid}.${Date.now()}.html`);
    const pdfPath = outputPath ?? join(this.options.reportsDir, html.fileName.replace(/\.html$/, '.pdf'));
    writeFileSync(htmlPath, html.content, { mode: 0o600 });
    try {
      await this.options.printer.print(htmlPath, pdfPath);
    } finally {
      rmSync(htmlPath, { force: true });
    }
    return { path: pdfPath, bytes: statSync(pdfPath).size };
  }
}

function safeName(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'project';
}
