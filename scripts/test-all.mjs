#!/usr/bin/env node
// The whole test command: build, type-check both sides, unit tests, then integration and UI tests
// against real services. Every stage runs even when an earlier one failed, so one run shows everything;
// the last line is the total, "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('artifacts', { recursive: true });
const only = new Set(process.argv.slice(2));
const want = (stage) => only.size === 0 || only.has(stage);
const stages = [];

function stage(name, command, args, { countsFrom } = {}) {
  if (!want(name)) return;
  const t0 = Date.now();
  console.log(`\n=== ${name}: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  stages.push({ name, ok, seconds: (Date.now() - t0) / 1000, counts: countsFrom?.() });
}

function vitestCounts(file) {
  return () => {
    if (!existsSync(file)) return undefined;
    const report = JSON.parse(readFileSync(file, 'utf8'));
    return { passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0, skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0) };
  };
}

function playwrightCounts(file) {
  return () => {
    if (!existsSync(file)) return undefined;
    const { stats } = JSON.parse(readFileSync(file, 'utf8'));
    return { passed: stats.expected ?? 0, failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0), skipped: stats.skipped ?? 0 };
  };
}

for (const f of ['artifacts/vitest-unit.json', 'artifacts/vitest-integration.json', 'artifacts/playwright-results.json']) rmSync(f, { force: true });

stage('build', 'node', ['scripts/build.mjs']);
stage('typecheck', 'npm', ['run', '--silent', 'typecheck']);
stage('unit', 'npx', ['vitest', 'run', '--project', 'unit', '--reporter=default', '--reporter=json', '--outputFile.json=artifacts/vitest-unit.json'], {
  countsFrom: vitestCounts('artifacts/vitest-unit.json'),
});
stage(
  'integration',
  'node',
  ['e2e/services/with-services.mjs', '--', 'npx', 'vitest', 'run', '--project', 'integration', '--reporter=default', '--reporter=json', '--outputFile.json=artifacts/vitest-integration.json'],
  { countsFrom: vitestCounts('artifacts/vitest-integration.json') },
);
stage('e2e', 'node', ['e2e/services/with-services.mjs', '--', 'npx', 'playwright', 'test'], { countsFrom: playwrightCounts('artifacts/playwright-results.json') });
if (existsSync('scripts/security-audit.mjs')) stage('security-audit', 'node', ['scripts/security-audit.mjs']);

let passed = 0;
let failed = 0;
let skipped = 0;
console.log('\n=== summary');
for (const s of stages) {
  const c = s.counts;
  console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name.padEnd(15)} ${s.seconds.toFixed(0).padStart(5)} s${c ? `  ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped` : ''}`);
  if (c) {
    passed += c.passed;
    failed += c.failed;
    skipped += c.skipped;
  }
  // A stage that failed without failing tests (type errors, a crash) counts as one failure.
  if (!s.ok && (!c || c.failed === 0)) failed += 1;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(stages.every((s) => s.ok) ? 0 : 1);
