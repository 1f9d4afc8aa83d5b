/**
 * Lint speed over the Dockerfile corpus: per file, the median time of `lintDockerfile` (parse + rules)
 * against the median time of dockerfile-ast alone parsing the same text, in the same run.
 * Targets: the rules add at most 2x the parse time; a typical file lints in under 2 ms.
 * Run: npx tsx bench/lint-bench.ts   (writes bench/results/lint.json)
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DockerfileParser } from 'dockerfile-ast';
import { lintDockerfile } from '../shared/lint/lint-dockerfile';

const root = join(import.meta.dirname, '..');
const corpusDir = join(root, 'e2e/fixtures/dockerfiles');
const ROUNDS = 200;
const WARMUP = 50;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
}
function timeOf(fn: () => unknown): number[] {
  for (let i = 0; i < WARMUP; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

const files = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.Dockerfile'))
  .sort()
  .map((name) => ({ name, text: readFileSync(join(corpusDir, name), 'utf8') }));

const perFile = files.map(({ name, text }) => {
  // Interleave per file so both measurements see the same machine state.
  const parse = median(timeOf(() => DockerfileParser.parse(text)));
  // dockerfile-ast defers splitting arguments until first asked; this is parse plus that deferred work.
  const parseArgs = median(timeOf(() => DockerfileParser.parse(text).getInstructions().forEach((i) => i.getArgumentsContent())));
  const lint = median(timeOf(() => lintDockerfile(text)));
  return { name, lines: text.split('\n').length, parseMs: parse, parseArgsMs: parseArgs, lintMs: lint, rulesMs: Math.max(0, lint - parse) };
});

const parseMs = perFile.map((f) => f.parseMs);
const parseArgsMs = perFile.map((f) => f.parseArgsMs);
const lintMs = perFile.map((f) => f.lintMs);
const rulesMs = perFile.map((f) => f.rulesMs);
const summary = {
  files: perFile.length,
  rounds: ROUNDS,
  node: process.version,
  parse: { medianMs: median(parseMs), p95Ms: percentile(parseMs, 95) },
  parseWithArguments: { medianMs: median(parseArgsMs), p95Ms: percentile(parseArgsMs, 95) },
  lint: { medianMs: median(lintMs), p95Ms: percentile(lintMs, 95) },
  rules: { medianMs: median(rulesMs), p95Ms: percentile(rulesMs, 95) },
  /** Time the rules add, as a multiple of the parse time (median over files of each file's ratio). */
  rulesOverParse: median(perFile.filter((f) => f.parseMs > 0).map((f) => f.rulesMs / f.parseMs)),
  /** The same against parse + arguments (what reading any instruction costs with dockerfile-ast). */
  rulesOverParseWithArguments: median(perFile.filter((f) => f.parseArgsMs > 0).map((f) => Math.max(0, f.lintMs - f.parseArgsMs) / f.parseArgsMs)),
  targets: { rulesOverParseMax: 2, typicalLintMsMax: 2 },
};
const met = { rulesOverParse: summary.rulesOverParse <= 2, typicalLint: summary.lint.medianMs < 2 };

const fmt = (n: number) => n.toFixed(3);
const table = [
  '| per file (ms) | median | p95 |',
  '|---|---|---|',
  `| dockerfile-ast parse only | ${fmt(summary.parse.medianMs)} | ${fmt(summary.parse.p95Ms)} |`,
  `| dockerfile-ast parse + reading every instruction's arguments | ${fmt(summary.parseWithArguments.medianMs)} | ${fmt(summary.parseWithArguments.p95Ms)} |`,
  `| lint (parse + rules) | ${fmt(summary.lint.medianMs)} | ${fmt(summary.lint.p95Ms)} |`,
  `| rules alone (lint − parse) | ${fmt(summary.rules.medianMs)} | ${fmt(summary.rules.p95Ms)} |`,
  '',
  `Rules add ${summary.rulesOverParse.toFixed(2)}× the parse time (median over ${summary.files} corpus files, ${ROUNDS} rounds each, Node ${process.version}); target ≤ 2× — ${met.rulesOverParse ? 'met' : 'NOT met'}.`,
  `Against parse + arguments, the rules add ${summary.rulesOverParseWithArguments.toFixed(2)}×.`,
  `Typical file lints in ${fmt(summary.lint.medianMs)} ms; target < 2 ms — ${met.typicalLint ? 'met' : 'NOT met'}.`,
].join('\n');
console.log(table);

mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/lint.json'), `${JSON.stringify({ summary, met, perFile }, null, 2)}\n`);
