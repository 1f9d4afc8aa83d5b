import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import { LintService, sha256Of } from './lint-service';

let dir: string;
const service = new LintService();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'certdesk-lint-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

describe('LintService.write', () => {
  it('writes atomically, keeps a backup and returns the new hash', async () => {
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, 'FROM ubi9\n');
    const read = await service.lintFile(file);
    const result = await service.write(file, 'FROM registry.redhat.io/ubi9/ubi:9.4\n', read.sha256);
    expect(readFileSync(file, 'utf8')).toBe('FROM registry.redhat.io/ubi9/ubi:9.4\n');
    expect(result.backupPath && readFileSync(result.backupPath, 'utf8')).toBe('FROM ubi9\n');
    expect(result.sha256).toBe(sha256Of('FROM registry.redhat.io/ubi9/ubi:9.4\n'));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses when the file changed on disk since it was read', async () => {
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, 'FROM ubi9\n');
    const read = await service.lintFile(file);
    writeFileSync(file, 'FROM ubi9\nUSER 1001\n');
    const err = await rejection(service.write(file, 'overwritten', read.sha256));
    expect(err.code).toBe(ErrorCode.FileWriteFailed);
    expect(err.hint).toMatch(/Reload/);
    expect(readFileSync(file, 'utf8')).toBe('FROM ubi9\nUSER 1001\n');
  });

  it('creates a new file only when it does not exist yet', async () => {
    const file = join(dir, 'Dockerfile.new');
    const created = await service.write(file, 'FROM ubi9\n', null);
    expect(created.backupPath).toBeUndefined();
    expect(existsSync(file)).toBe(true);
    const err = await rejection(service.write(file, 'again', null));
    expect(err.message).toMatch(/already exists/);
  });
});

describe('LintService.lintFile', () => {
  it('answers FILE_UNREADABLE for a missing file and for a folder', async () => {
    expect((await rejection(service.lintFile(join(dir, 'nope')))).code).toBe(ErrorCode.FileUnreadable);
    expect((await rejection(service.lintFile(dir))).code).toBe(ErrorCode.FileUnreadable);
  });

  it('checks license sources in the build context: missing, empty, PDF, outside', async () => {
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'LICENSE.pdf.txt'), '%PDF-1.7\n');
    writeFileSync(join(dir, 'LICENSE'), 'MIT\n');
    writeFileSync(
      join(dir, 'Dockerfile'),
      'FROM registry.redhat.io/ubi9/ubi:9.4\nLABEL name=a maintainer=b vendor=c version=1 release=1 summary=s description=d\nCOPY LICENSE* empty.txt gone.txt ../escape.txt /licenses/\nUSER 1001\n',
    );
    const result = await service.lintFile(join(dir, 'Dockerfile'));
    const messages = result.report.diagnostics.map((d) => `${d.rule}: ${d.message}`);
    expect(messages.some((m) => m.startsWith('license-not-text') && m.includes('LICENSE.pdf.txt'))).toBe(true);
    expect(messages.some((m) => m.startsWith('license-empty') && m.includes('empty.txt'))).toBe(true);
    expect(messages.some((m) => m.startsWith('license-source-missing') && m.includes('gone.txt'))).toBe(true);
    expect(messages.some((m) => m.startsWith('license-source-missing') && m.includes('outside'))).toBe(true);
    expect(result.report.passed).toBe(false);
  });
});
