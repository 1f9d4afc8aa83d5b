import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Runs the built CLI the way a CI job does: `node bin/certdesk.js lint …`, no shell. */
const run = promisify(execFile);
const root = join(import.meta.dirname, '../../..');
const fixtures = join(root, 'e2e/fixtures/dockerfiles');
let home: string;

async function lint(args: string[], cwd = fixtures): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(root, 'bin/certdesk.js'), 'lint', ...args], { cwd, env: { ...process.env, CERTDESK_HOME: home, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'certdesk-cli-lint-'));
  await run(process.execPath, [join(root, 'scripts/build.mjs'), 'cli'], { cwd: root });
}, 120_000);
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('certdesk lint', () => {
  it('exits 0 for a passing file and 1 for a failing one', async () => {
    expect((await lint(['rhosp13-neutron-plugin.Dockerfile'])).code).toBe(0);
    const failed = await lint(['user-root.Dockerfile']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/user-root/);
  });

  it('prints the JSON shape {file, passed, diagnostics[]}', async () => {
    const { code, stdout } = await lint(['missing-labels.Dockerfile', '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { file: string; passed: boolean; diagnostics: Array<Record<string, unknown>> };
    expect(report.file).toBe(join(fixtures, 'missing-labels.Dockerfile'));
    expect(report.passed).toBe(false);
    const missing = report.diagnostics.find((d) => d.rule === 'required-label-missing');
    expect(missing).toMatchObject({ requirement: 'required_labels', severity: 'error', line: 1, endLine: 1 });
    expect(missing?.fix).toMatchObject({ title: expect.any(String), edits: [expect.objectContaining({ start: expect.any(Number), newText: expect.stringContaining('maintainer=') })] });
  });

  it('prints SARIF 2.1.0', async () => {
    const { code, stdout } = await lint(['trademark-vendor.Dockerfile', '--format', 'sarif']);
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout) as { version: string; runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }> }> };
    expect(sarif.version).toBe('2.1.0');
    const [runResult] = sarif.runs;
    expect(runResult?.tool.driver.rules.map((r) => r.id)).toContain('label-trademark');
    expect(runResult?.results[0]).toMatchObject({ ruleId: 'label-trademark', level: 'error' });
    expect(runResult?.results[0]?.locations[0]?.physicalLocation.region.startLine).toBe(2);
  });

  it('defaults to ./Dockerfile and the context to its folder', async () => {
    const { code, stderr } = await lint([], tmpdir());
    expect(code).toBe(2);
    expect(stderr).toMatch(/Dockerfile: no such file/);
  });

  it('checks license files in --context', async () => {
    const { code, stdout } = await lint(['license-context-bad.Dockerfile', '--context', 'contexts/license-bad', '--format', 'json']);
    expect(code).toBe(1);
    const rules = (JSON.parse(stdout) as { diagnostics: Array<{ rule: string }> }).diagnostics.map((d) => d.rule);
    expect(rules).toEqual(expect.arrayContaining(['license-source-missing', 'license-empty', 'license-not-text']));
  });

  it('exits 2 on unreadable input and usage errors, and lints an empty or binary file as failed', async () => {
    expect((await lint(['no-such.Dockerfile'])).code).toBe(2);
    expect((await lint(['contexts'])).code).toBe(2);
    expect((await lint(['--format', 'xml'])).code).toBe(2);
    expect((await lint(['a', 'b'])).code).toBe(2);
    expect((await lint(['--bogus'])).code).toBe(2);
    expect((await lint(['empty.Dockerfile'])).code).toBe(1);
    expect((await lint(['binary.Dockerfile'])).code).toBe(1);
  });
});
