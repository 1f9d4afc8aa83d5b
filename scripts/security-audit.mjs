#!/usr/bin/env node
// Runs Electronegativity over the Electron code and fails on any high or medium finding that is not
// in the reviewed list (electron/main/shell/electronegativity-reviewed.json, each with its reason).
// Electronegativity itself exits 0 whatever it finds, so its CSV output is parsed here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
const out = join(dir, 'findings.csv');
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
const run = spawnSync('npx', ['electronegativity', '-i', 'electron', '-o', out, '-r', '-e', electronVersion, '-v', 'false'], { encoding: 'utf8' });
let csv;
try {
  csv = readFileSync(out, 'utf8');
} catch {
  console.error(`electronegativity produced no report:\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const reviewed = JSON.parse(readFileSync('electron/main/shell/electronegativity-reviewed.json', 'utf8')).reviewed;
const findings = parseCsv(csv).slice(1).map(([check, severity, confidence, file, location]) => ({ check, severity, confidence, file, location }));
let failures = 0;
for (const f of findings) {
  const serious = f.severity === 'HIGH' || f.severity === 'MEDIUM';
  const review = reviewed.find((r) => r.check === f.check && r.file === f.file);
  const verdict = !serious ? 'info' : review ? 'reviewed' : 'FAIL';
  if (verdict === 'FAIL') failures += 1;
  console.log(`${verdict.padEnd(8)} ${f.severity.padEnd(8)} ${f.check} ${f.file}:${f.location}`);
}
console.log(`electronegativity: ${findings.length} findings, ${failures} unreviewed high/medium`);
process.exit(failures === 0 ? 0 : 1);

function parseCsv(text) {
  const rows = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const cells = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        cells.push(cell.trim());
        cell = '';
      } else cell += ch;
    }
    cells.push(cell.trim());
    rows.push(cells);
  }
  return rows;
}
