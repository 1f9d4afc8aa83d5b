import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { OperationEvent } from '@shared/contract/operation';
import { CliContext } from '../../electron/cli/cli-context';
import { createHandlerTable } from '../../electron/main/ipc/handler-table';
import { createServices } from '../../electron/main/services/create-services';
// @ts-expect-error plain JS test-service starter
import { startDockerEngine } from '../services/docker-engine.mjs';

/** Builds against the real engine: context rules, options, error lines, cancel, logs, and an engine that stops. */
const env = process.env;
const BASE = env.CERTDESK_TEST_BASE_IMAGE as string;

function harness(extraEnv: Record<string, string | undefined> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'images-build-'));
  const services = createServices({ dataDir, env: { ...env, ...extraEnv } });
  const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, color: false };
  return { services, ctx: new CliContext(services, createHandlerTable(services), io), dataDir };
}

function context(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ctx-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('build', () => {
  const h = harness();
  const docker = new Dockerode({ socketPath: (env.DOCKER_HOST as string).replace('unix://', '') });
  afterAll(() => h.services.dispose());

  let dir: string;
  beforeAll(() => {
    dir = context({
      'build/Containerfile.certdesk': `FROM ${BASE} AS base\nARG GREETING=none\nRUN echo "$GREETING" > /greeting\nCOPY . /ctx/\nFROM base AS final\nRUN echo final > /final\n`,
      '.dockerignore': 'docs\n!docs/keep.txt\n**/*.log\n/secret-dir\n',
      'app.py': 'print(1)\n',
      'docs/keep.txt': 'kept\n',
      'docs/drop.txt': 'dropped\n',
      'sub/deep/trace.log': 'x\n',
      'secret-dir/a': 'x\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
      'keys/id_rsa': 'whatever\n',
      'deploy.pem': '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n',
      // Keys not at the start of their file, and a PKCS#12 bundle (binary, known by its name).
      'tls/combined.pem': '-----BEGIN CERTIFICATE-----\nMIID\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
      'tls/bom.key': '\ufeff-----BEGIN EC PRIVATE KEY-----\nMHc\n-----END EC PRIVATE KEY-----\n',
      'conf/app.conf': `# ${'settings '.repeat(30)}\nssh_key =\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl\n-----END OPENSSH PRIVATE KEY-----\n`,
      'tls/client.p12': 'binary pkcs12\n',
    });
  });

  it('inspects the context: .dockerignore honoured, .git and private keys never sent', async () => {
    const i = await h.ctx.call('build.inspectContext', { contextDir: dir, dockerfile: 'build/Containerfile.certdesk' });
    expect(i.dockerfileFound).toBe(true);
    const reasons = Object.fromEntries(i.excluded.map((e) => [e.path, e.reason]));
    expect(reasons).toMatchObject({
      '.git': 'version-control',
      'keys/id_rsa': 'private-key-name',
      'deploy.pem': 'private-key-content',
      'tls/combined.pem': 'private-key-content',
      'tls/bom.key': 'private-key-content',
      'conf/app.conf': 'private-key-content',
      'tls/client.p12': 'private-key-name',
      'docs/drop.txt': 'dockerignore',
      'sub/deep/trace.log': 'dockerignore',
    });
    expect(i.excluded.some((e) => e.path.startsWith('secret-dir'))).toBe(true);
    expect(i.excluded.some((e) => e.path === 'docs/keep.txt')).toBe(false);
    expect(i.warnings.join(' ')).toMatch(/Private keys/);
  });

  it('builds with another Dockerfile name, build args and a target stage, with steps and a log on disk', async () => {
    const events: OperationEvent[] = [];
    const result = await h.ctx.run(
      'build.start',
      { contextDir: dir, dockerfile: 'build/Containerfile.certdesk', tags: ['it-build:1.0-1'], buildArgs: { GREETING: 'hello' }, target: 'base', noCache: true, pull: false },
      (e) => events.push(e),
    );
    expect(result.engineHost).toBe(env.DOCKER_HOST);
    expect(result.steps?.total).toBe(4); // the target stops before the final stage
    expect(events.some((e) => e.kind === 'progress' && /Step \d+\/4/.test(e.message ?? ''))).toBe(true);
    const run = await h.ctx.run('image.run', { image: 'it-build:1.0-1', command: ['sh', '-c', 'cat /greeting; ls -aR /ctx'], timeoutSeconds: 30 });
    expect(run.output).toContain('hello');
    expect(run.output).toContain('keep.txt');
    for (const gone of ['drop.txt', '.git', 'deploy.pem', 'id_rsa', 'secret-dir', 'trace.log', 'combined.pem', 'bom.key', 'app.conf', 'client.p12']) expect(run.output).not.toContain(gone);
    const logs = await h.ctx.call('build.logs', {});
    expect(logs[0]).toMatchObject({ logId: result.logId, state: 'succeeded' });
    const chunk = await h.ctx.call('build.readLog', { logId: result.logId, offset: 0, maxBytes: 1024 * 1024 });
    expect(chunk.text).toMatch(/Step 1\/4/);
    // A restart reads the same logs from disk.
    const again = createServices({ dataDir: h.dataDir, env });
    expect(again.images.build.logs()[0]?.logId).toBe(result.logId);
    again.dispose();
    const suggestion = await h.ctx.call('build.suggestTag', { contextDir: context({ Dockerfile: 'FROM x\nLABEL version="1.0" release="1"\n' }), repository: 'it-build' });
    expect(suggestion.existingTags).toContain('1.0-1');
    expect(suggestion.suggestion?.tag).toBe('1.0-2');
  });

  it('surfaces an error line of the 200 stream as a failed build', async () => {
    const failing = context({ Dockerfile: `FROM ${BASE}\nRUN echo before && false\n` });
    const err = await failure(h.ctx.run('build.start', { contextDir: failing, tags: ['it-fail:1'], buildArgs: {}, noCache: true, pull: false }));
    expect(err.code).toBe(ErrorCode.BuildFailed);
    expect(err.message).toMatch(/step 2\/2.*non-zero code/);
    const logs = await h.ctx.call('build.logs', {});
    expect(logs[0]?.state).toBe('failed');
  });

  it('cancels a build midway and leaves no containers behind', async () => {
    const before = (await docker.listContainers({ all: true })).map((c) => c.Id);
    const slow = context({ Dockerfile: `FROM ${BASE}\nRUN echo started-sleeping && sleep 300\n` });
    let operationId = '';
    let cancelled = false;
    const err = await failure(
      h.ctx.run('build.start', { contextDir: slow, tags: ['it-slow:1'], buildArgs: {}, noCache: true, pull: false }, (e) => {
        operationId = e.operationId;
        if (!cancelled && e.kind === 'log' && e.lines.some((l) => l.includes('started-sleeping') || l.includes('Running in'))) {
          cancelled = true;
          void h.ctx.call('operation.cancel', { operationId });
        }
      }),
    );
    expect(err.code).toBe(ErrorCode.Cancelled);
    // The engine removes the step's container as the build unwinds (forcerm); wait for it, no clock.
    for (;;) {
      const now = (await docker.listContainers({ all: true })).map((c) => c.Id).filter((id) => !before.includes(id));
      if (now.length === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect((await h.ctx.call('build.logs', {}))[0]?.state).toBe('cancelled');
  });
});

describe('an engine that stops during a job', () => {
  it('fails the job with the engine message and recovers when the engine returns', async () => {
    const root = mkdtempSync(join(tmpdir(), 'engine-gone-'));
    let engine = await startDockerEngine(root);
    const h = harness({ DOCKER_HOST: engine.env.DOCKER_HOST });
    try {
      const slow = context({ Dockerfile: `FROM ${engine.env.CERTDESK_TEST_BASE_IMAGE}\nRUN echo started-sleeping && sleep 300\n` });
      let stopping: Promise<void> | undefined;
      const err = await failure(
        h.ctx.run('build.start', { contextDir: slow, tags: ['it-gone:1'], buildArgs: {}, noCache: true, pull: false }, (e) => {
          if (!stopping && e.kind === 'log' && e.lines.some((l) => l.includes('started-sleeping'))) stopping = engine.stop();
        }),
      );
      await stopping;
      expect(err.code, `${err.code}: ${err.message}`).toBe(ErrorCode.EngineUnreachable);
      expect(err.message).toContain(engine.env.DOCKER_HOST);
      expect(err.hint).toMatch(/Start the engine again/);
      expect((await h.ctx.call('engine.status', {})).reachable).toBe(false);

      engine = await startDockerEngine(root);
      expect((await h.ctx.call('engine.status', {})).reachable).toBe(true);
      const ok = context({ Dockerfile: `FROM ${engine.env.CERTDESK_TEST_BASE_IMAGE}\nRUN echo back\n` });
      const result = await h.ctx.run('build.start', { contextDir: ok, tags: ['it-back:1'], buildArgs: {}, noCache: false, pull: false });
      expect(result.engineHost).toBe(engine.env.DOCKER_HOST);
    } finally {
      h.services.dispose();
      await engine.stop();
    }
  });
});
