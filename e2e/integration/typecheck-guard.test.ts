import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const probeDir = join('electron', 'main', 'typecheck-probe');

/** The test command type-checks electron/ against Electron's real electron.d.ts: prove a type error fails it. */
describe('npm run typecheck', () => {
  afterAll(() => rmSync(probeDir, { recursive: true, force: true }));

  it('fails on a deliberate type error in electron/main, naming the file', async () => {
    mkdirSync(probeDir, { recursive: true });
    writeFileSync(
      join(probeDir, 'probe.ts'),
      "import { BrowserWindow } from 'electron';\n// A misspelt web preference must not compile.\nexport const w = new BrowserWindow({ webPreferences: { contextIsolations: true } });\n",
    );
    const outcome = await run('npx', ['tsc', '-p', 'tsconfig.node.json', '--noEmit']).then(
      () => ({ code: 0, stdout: '' }),
      (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
    );
    expect(outcome.code).not.toBe(0);
    expect(outcome.stdout).toContain('probe.ts');
    expect(outcome.stdout).toContain('contextIsolations');
  });
});
