import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { evaluateJourney } from '@shared/certification/wizard-steps';
import { deriveChecklist } from '@shared/projects/checklist';
import type { ChecklistItemId, Project } from '@shared/projects/model';
import { CliContext } from '../../electron/cli/cli-context';
import { createHandlerTable } from '../../electron/main/ipc/handler-table';
import { createServices } from '../../electron/main/services/create-services';

/**
 * The real services and the one handler table (as the app, `serve` and the CLI use them), with one
 * product and one certification project to record evidence in.
 */
export function evidenceHarness(project: { name: string; registryPid?: string; imageName?: string } = { name: 'acme-neutron' }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'evidence-'));
  const services = createServices({ dataDir, env: process.env });
  const stdout = new PassThrough();
  const io = { stdout, stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, color: false };
  const ctx = new CliContext(services, createHandlerTable(services), io);
  const product = services.projects.addProduct({ name: 'Acme Neutron plugin', versions: ['1.0'] });
  const created = services.projects.createProject({ productId: product.id, productVersionId: product.versions[0]!.id, ...project });
  const current = (): Project => services.projects.project(created.id);
  return {
    services,
    ctx,
    io,
    dataDir,
    projectId: created.id,
    project: current,
    evidence: (kind: Project['evidence'][number]['kind']) => current().evidence.filter((e) => e.kind === kind),
    checklistStatus: (id: ChecklistItemId) => deriveChecklist(current()).find((i) => i.def.id === id)!,
    /** Persisted by the projects service (not only derived on display). */
    storedChecklist: (id: ChecklistItemId) => current().checklist[id],
    wizardStep: (id: string) => evaluateJourney(services.projects.profile(), current()).steps.find((s) => s.def.id === id)!.state,
    dispose: () => services.dispose(),
  };
}

export function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-ctx-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
