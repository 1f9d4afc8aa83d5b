import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('installProcessErrorGuard', () => {
  it('keeps a process alive through a stray rejection and exception, and logs both', async () => {
    const logs = mkdtempSync(join(tmpdir(), 'guard-'));
    const script = [
      "import { installProcessErrorGuard } from './electron/main/process-error-guard.ts';",
      `installProcessErrorGuard(${JSON.stringify(logs)});`,
      "Promise.reject(new Error('stray rejection'));",
      "setTimeout(() => { throw new Error('stray exception'); }, 10);",
      "setTimeout(() => { console.log('still serving'); }, 100);",
    ].join('\n');
    const { stdout } = await run('npx', ['tsx', '--eval', script], { cwd: process.cwd() });
    expect(stdout).toContain('still serving');
    const log = readFileSync(join(logs, 'errors.log'), 'utf8');
    expect(log).toContain('unhandled rejection Error: stray rejection');
    expect(log).toContain('uncaught exception Error: stray exception');
  });
});
