import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ProfileSchema } from '@shared/projects/model';
import { ProjectsService } from '../projects/projects-service';
import { SettingsStore } from './settings-store';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const writer = fileURLToPath(new URL('./settings-writer.fixture.ts', import.meta.url));

function freshDir(): string {
  return mkdtempSync(join(tmpdir(), 'certdesk-settings-'));
}

function startWriter(dataDir: string, label: string, count: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir, label, String(count)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const ready = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited, stderr: () => stderr };
}

function seed(dataDir: string): ProjectsService {
  const service = new ProjectsService(new SettingsStore({ dataDir }));
  const product = service.addProduct({ name: 'Acme', versions: ['1.x'] });
  service.createProject({ name: 'proj-shared', productId: product.id, productVersionId: product.versions[0]!.id });
  return service;
}

describe('SettingsStore (conf, real files, real processes)', () => {
  it('writes a schema-valid file with no secret-shaped fields and migrates a v1 file on open', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 1, companyName: 'Acme', projects: [{ id: 'a', name: 'n', product: 'P', productVersion: '1.x' }] }));
    const store = new SettingsStore({ dataDir: dir });
    const onDisk = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(onDisk.schemaVersion).toBe(2);
    expect(ProfileSchema.parse(onDisk).projects[0]!.name).toBe('n');
    expect(store.read().company?.name).toBe('Acme');
  });

  it('moves a corrupt file aside, starts clean and leaves a notice', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'config.json'), '{"schemaVersion": 2, "projects": [');
    const store = new SettingsStore({ dataDir: dir, now: () => new Date('2024-03-04T10:00:00Z') });
    const aside = readdirSync(dir).filter((f) => f.startsWith('config.json.corrupt-'));
    expect(aside).toEqual(['config.json.corrupt-2024-03-04T10-00-00-000Z']);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toBe('{"schemaVersion": 2, "projects": [');
    const profile = store.read();
    expect(profile.projects).toEqual([]);
    expect(profile.notices[0]!.message).toContain('config.json.corrupt-2024-03-04T10-00-00-000Z');
  });

  it('sets aside a file that is JSON but not a CertDesk document, also when it appears while running', () => {
    const dir = freshDir();
    const store = new SettingsStore({ dataDir: dir });
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ schemaVersion: 2, projects: 'not a list' }));
    expect(store.read().notices).toHaveLength(1);
    expect(readdirSync(dir).some((f) => f.startsWith('config.json.corrupt-'))).toBe(true);
  });

  it('loses no update when two processes write concurrently', async () => {
    const dir = freshDir();
    seed(dir);
    const a = startWriter(dir, 'a', 40);
    const b = startWriter(dir, 'b', 40);
    expect(await a.exited, a.stderr()).toBe(0);
    expect(await b.exited, b.stderr()).toBe(0);
    const profile = ProfileSchema.parse(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')));
    const subjects = profile.projects[0]!.evidence.map((e) => e.subject);
    expect(subjects.filter((s) => s.startsWith('a-'))).toHaveLength(40);
    expect(subjects.filter((s) => s.startsWith('b-'))).toHaveLength(40);
  });

  it('leaves a whole file when a writer is killed mid-write, and the next process recovers the lock', async () => {
    const dir = freshDir();
    seed(dir);
    const w = startWriter(dir, 'k', 0);
    await w.ready;
    // Let it write a while: it writes continuously, so the kill lands during some write.
    await new Promise((resolve) => setTimeout(resolve, 700));
    w.child.kill('SIGKILL');
    await w.exited;
    const profile = ProfileSchema.parse(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')));
    expect(profile.projects[0]!.evidence.length).toBeGreaterThan(0);
    // A lock left by the killed process names a dead pid: the next writer takes it over.
    const service = new ProjectsService(new SettingsStore({ dataDir: dir }));
    await service.record({ projectId: 'proj-shared', kind: 'scan', subject: 'after-kill', passed: true, at: new Date().toISOString() });
    expect(service.profile().projects[0]!.evidence.at(-1)!.subject).toBe('after-kill');
  });
});
