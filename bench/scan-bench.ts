/**
 * Scan speed and memory against `docker save IMAGE > /dev/null` on the same engine, same run.
 * Run: node e2e/services/with-services.mjs --only docker -- npx tsx bench/scan-bench.ts
 * Targets: median scan / median save ≤ 1.3, scan peak RSS ≤ 256 MB (measured in a child process).
 */
import { execFile as execFileCb, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFile = promisify(execFileCb);
const IMAGE = 'certdesk-bench/scan:1.0';
const LAYERS = 24;
const LAYER_BYTES = 14 * 1024 * 1024;
const RUNS = 5;

async function child(): Promise<void> {
  const { EngineService } = await import('../electron/main/services/docker/engine-service');
  const { ScanService } = await import('../electron/main/services/scan/scan-service');
  const dataDir = mkdtempSync(join(tmpdir(), 'certdesk-bench-data-'));
  const service = new ScanService({ dataDir, env: process.env, engine: new EngineService({ env: process.env }) });
  const started = performance.now();
  const report = await service.scan({ source: { kind: 'engine', ref: IMAGE }, profile: 'preflight' });
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ ms, maxRssKiB: process.resourceUsage().maxRSS, bytesRead: report.bytesRead, layers: report.layerCount }));
  rmSync(dataDir, { recursive: true, force: true });
}

async function buildImage(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'certdesk-bench-ctx-'));
  let dockerfile = `FROM ${process.env.CERTDESK_TEST_BASE_IMAGE ?? 'certdesk-test/busybox:1'}\n`;
  for (let i = 0; i < LAYERS; i++) {
    mkdirSync(join(dir, `l${i}`));
    // A few files per layer, random so nothing compresses or dedups.
    for (let j = 0; j < 4; j++) writeFileSync(join(dir, `l${i}`, `blob${j}.bin`), randomBytes(LAYER_BYTES / 4));
    dockerfile += `COPY l${i}/ /data/l${i}/\n`;
  }
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  await execFile('docker', ['build', '-q', '-t', IMAGE, dir], { env: { ...process.env, DOCKER_BUILDKIT: '0' }, maxBuffer: 1 << 24 });
  rmSync(dir, { recursive: true, force: true });
}

function timeDockerSave(): Promise<number> {
  return new Promise((resolve, reject) => {
    const devNull = openSync('/dev/null', 'w');
    const started = performance.now();
    const p = spawn('docker', ['save', IMAGE], { stdio: ['ignore', devNull, 'inherit'], env: process.env });
    p.on('error', reject);
    p.on('exit', (code) => {
      closeSync(devNull);
      if (code === 0) resolve(performance.now() - started);
      else reject(new Error(`docker save exited ${code}`));
    });
  });
}

function timeScan(): Promise<{ ms: number; maxRssKiB: number; bytesRead: number; layers: number }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'bench/scan-bench.ts', '--child'], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`scan child exited ${code}: ${out}`))));
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function main(): Promise<void> {
  if (process.argv.includes('--child')) return child();
  if (!process.env.DOCKER_HOST) throw new Error('Run under e2e/services/with-services.mjs --only docker');
  await buildImage();
  await timeDockerSave(); // warm the page cache for both sides
  const save: number[] = [];
  const scan: Array<{ ms: number; maxRssKiB: number; bytesRead: number; layers: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternate which goes first so cache and CPU frequency effects even out.
    if (i % 2 === 0) {
      save.push(await timeDockerSave());
      scan.push(await timeScan());
    } else {
      scan.push(await timeScan());
      save.push(await timeDockerSave());
    }
  }
  const scanMs = median(scan.map((s) => s.ms));
  const saveMs = median(save);
  const peakRssMiB = Math.max(...scan.map((s) => s.maxRssKiB)) / 1024;
  const ratio = scanMs / saveMs;
  const { stdout: engineVersion } = await execFile('docker', ['version', '--format', '{{.Server.Version}}'], { env: process.env });
  const result = {
    date: new Date().toISOString(),
    engine: engineVersion.trim(),
    image: { layers: scan[0]!.layers, bytes: scan[0]!.bytesRead },
    runs: RUNS,
    dockerSaveMs: save.map(Math.round),
    scanMs: scan.map((s) => Math.round(s.ms)),
    medianDockerSaveMs: Math.round(saveMs),
    medianScanMs: Math.round(scanMs),
    ratio: Number(ratio.toFixed(3)),
    peakRssMiB: Number(peakRssMiB.toFixed(1)),
    targets: { ratio: 1.3, peakRssMiB: 256 },
    met: { ratio: ratio <= 1.3, peakRss: peakRssMiB <= 256 },
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/scan.json', `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(
    'bench/README-scan.md',
    [
      '# Scan benchmark',
      '',
      '`node e2e/services/with-services.mjs --only docker -- npx tsx bench/scan-bench.ts`: a random-content image built in the',
      "private engine, scanned (preflight profile, engine `docker save` stream) in a child process, against `docker save IMAGE > /dev/null`",
      `on the same engine in the same run; ${RUNS} alternating runs, medians. Peak RSS is the scan child's \`process.resourceUsage().maxRSS\``,
      '(including Node and tsx themselves).',
      '',
      '| measure | value | target |',
      '|---|---|---|',
      `| image | ${result.image.layers} layers, ${(result.image.bytes / 1024 ** 2).toFixed(0)} MiB | ≥ 20 layers, ≥ 300 MB |`,
      `| docker save > /dev/null (median) | ${result.medianDockerSaveMs} ms | |`,
      `| certdesk scan (median) | ${result.medianScanMs} ms | |`,
      `| ratio scan / save | ${result.ratio} | ≤ 1.3 ${result.met.ratio ? '✓' : '✗'} |`,
      `| scan peak RSS | ${result.peakRssMiB} MiB | ≤ 256 MiB ${result.met.peakRss ? '✓' : '✗'} |`,
      '',
      `Engine ${result.engine}, ${result.date}. Raw runs in \`bench/results/scan.json\`.`,
      '',
      '## What the time goes into',
      '',
      'The engine spends most of both runs exporting the layers before it sends the first byte; what the scan adds is its own',
      'work on the stream. An earlier design measured 1.37 here: Node\'s HTTP client allocated a buffer per socket read and the',
      'bytes passed through a chain of streams (tar-stream for the archive, a wrapper, tar-stream again per layer), so garbage',
      'collection alone took ~0.5 s per scan and sha256 of every file another ~0.2 s on the one main thread. Now:',
      '',
      '- a local engine (unix socket or plain TCP) is read straight off the socket into one reused 1 MiB buffer',
      '  (`electron/main/services/scan/engine-export-feed.ts`, `shared/engine/http-response-reader.ts`); TLS and ssh://',
      '  engines keep dockerode\'s stream;',
      '- one synchronous tar push parser (`shared/tar/tar-push-parser.ts`) reads the archive and, nested, each layer: no stream,',
      '  promise or allocation per chunk; only the few files the checks need are copied;',
      '- file digests for HasModifiedFiles are computed on a worker thread from a few reused, transferred batch buffers',
      '  (`digest-worker.ts`), with backpressure so memory stays bounded.',
      '',
    ].join('\n'),
  );
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
