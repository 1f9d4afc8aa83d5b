/**
 * Push and pull of a ≥ 200 MB image through CertDesk's service (dispatcher → operation registry →
 * PushPullService → engine) against `docker push` / `docker pull` (docker CLI with a temporary
 * DOCKER_CONFIG, deleted after) on the same engine, alternating in one run.
 * Run: node e2e/services/with-services.mjs --only docker,secrets -- npx tsx bench/push-pull-bench.ts
 * Each round gets a fresh registry (new port, empty storage), so every push uploads every layer and
 * the engine cannot mount blobs from an earlier round; before each pull the image is removed.
 * Target: median CertDesk / median docker ≤ 1.05 for push and for pull.
 */
import { execFile as execFileCb, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';
import { CliContext } from '../electron/cli/cli-context';
import { createHandlerTable } from '../electron/main/ipc/handler-table';
import { createServices } from '../electron/main/services/create-services';
// @ts-expect-error plain JS test-service starter
import { startRegistry } from '../e2e/services/registry.mjs';

const execFile = promisify(execFileCb);
const SOURCE = 'certdesk-bench/push:1.0-1';
const PID = 'p0bec0ffee000000000000000000000001';
const LAYERS = 8;
const LAYER_BYTES = 28 * 1024 * 1024;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PASSWORD = `rk-bench-${randomBytes(8).toString('hex')}`;

const docker = new Dockerode({ socketPath: (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace('unix://', '') });

async function buildImage(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'certdesk-bench-ctx-'));
  let dockerfile = `FROM ${process.env.CERTDESK_TEST_BASE_IMAGE ?? 'certdesk-test/busybox:1'}\n`;
  for (let i = 0; i < LAYERS; i++) {
    mkdirSync(join(dir, `l${i}`));
    // Random content: nothing compresses, so both sides move the same bytes.
    writeFileSync(join(dir, `l${i}`, 'blob.bin'), randomBytes(LAYER_BYTES));
    dockerfile += `COPY l${i}/ /data/l${i}/\n`;
  }
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  await execFile('docker', ['build', '-q', '-t', SOURCE, dir], { env: { ...process.env, DOCKER_BUILDKIT: '0' }, maxBuffer: 1 << 24 });
  rmSync(dir, { recursive: true, force: true });
  return (await docker.getImage(SOURCE).inspect()).Size;
}

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const p = spawn(cmd, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'], env });
    let err = '';
    p.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    if (input !== undefined) p.stdin?.end(input);
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`${cmd} ${args[0]} exited ${code}: ${err}`))));
  });
}

async function removeImage(ref: string): Promise<void> {
  const id = (await docker.getImage(ref).inspect()).Id;
  await docker.getImage(id).remove({ force: true });
}

interface Round {
  method: 'certdesk' | 'docker';
  pushMs: number;
  pullMs: number;
  digest: string;
}

async function round(method: Round['method'], root: string, index: number): Promise<Round> {
  const registry = await startRegistry(root, { name: `reg-${index}-${method}`, password: PASSWORD });
  const ref = `${registry.address}/${PID}/bench:1.0-1`;
  try {
    let pushMs: number;
    let pullMs: number;
    if (method === 'certdesk') {
      const services = createServices({ dataDir: mkdtempSync(join(tmpdir(), 'certdesk-bench-data-')), env: process.env });
      const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, color: false };
      const ctx = new CliContext(services, createHandlerTable(services), io);
      try {
        await ctx.call('registry.login', { registry: registry.address, projectId: PID, key: PASSWORD, caFile: registry.ca, store: true });
        let started = performance.now();
        await ctx.run('image.push', { source: SOURCE, target: { endpoint: registry.address, projectId: PID, image: 'bench', tag: '1.0-1' }, force: false, retries: 0 });
        pushMs = performance.now() - started;
        await removeImage(SOURCE);
        started = performance.now();
        await ctx.run('image.pull', { reference: ref });
        pullMs = performance.now() - started;
        await ctx.call('registry.logout', { registry: registry.address, projectId: PID });
      } finally {
        services.dispose();
      }
    } else {
      const config = mkdtempSync(join(tmpdir(), 'certdesk-bench-docker-config-'));
      const env = { ...process.env, DOCKER_CONFIG: config };
      try {
        await timed('docker', ['login', '-u', 'unused', '--password-stdin', registry.address], env, PASSWORD);
        await execFile('docker', ['tag', SOURCE, ref], { env });
        pushMs = await timed('docker', ['push', '-q', ref], env);
        await removeImage(SOURCE);
        pullMs = await timed('docker', ['pull', '-q', ref], env);
      } finally {
        rmSync(config, { recursive: true, force: true });
      }
    }
    const digest = (await docker.getImage(ref).inspect()).RepoDigests?.[0]?.split('@')[1] ?? '';
    await docker.getImage(ref).tag({ repo: 'certdesk-bench/push', tag: '1.0-1' });
    await docker.getImage(ref).remove();
    return { method, pushMs, pullMs, digest };
  } finally {
    await registry.stop();
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'certdesk-bench-reg-'));
  const bytes = await buildImage();
  const rounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    // Alternate who goes first, so warm caches favour neither.
    const order: Array<Round['method']> = i % 2 === 0 ? ['docker', 'certdesk'] : ['certdesk', 'docker'];
    for (const method of order) {
      const r = await round(method, root, i);
      rounds.push(r);
      console.error(`round ${i + 1} ${method}: push ${r.pushMs.toFixed(0)} ms, pull ${r.pullMs.toFixed(0)} ms`);
    }
  }
  const of = (m: Round['method'], k: 'pushMs' | 'pullMs') => rounds.filter((r) => r.method === m).map((r) => r[k]);
  const version = await docker.version();
  const result = {
    at: new Date().toISOString(),
    engine: version.Version,
    image: { layers: LAYERS + 1, bytes },
    rounds,
    median: {
      dockerPushMs: median(of('docker', 'pushMs')),
      certdeskPushMs: median(of('certdesk', 'pushMs')),
      dockerPullMs: median(of('docker', 'pullMs')),
      certdeskPullMs: median(of('certdesk', 'pullMs')),
    },
    ratio: { push: 0, pull: 0 },
    digestsEqual: new Set(rounds.map((r) => r.digest)).size === 1,
  };
  result.ratio.push = result.median.certdeskPushMs / result.median.dockerPushMs;
  result.ratio.pull = result.median.certdeskPullMs / result.median.dockerPullMs;
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/push-pull.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify({ median: result.median, ratio: result.ratio, digestsEqual: result.digestsEqual }, null, 2));
  await removeImage(SOURCE).catch(() => undefined);
  rmSync(root, { recursive: true, force: true });
}

await main();
