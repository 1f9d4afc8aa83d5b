import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '@shared/contract/error-codes';
import type { OperationEvent } from '@shared/contract/operation';
import { AppError } from '@shared/contract/app-error';
import { CliContext } from '../../electron/cli/cli-context';
import { createHandlerTable } from '../../electron/main/ipc/handler-table';
import { createServices, type Services } from '../../electron/main/services/create-services';
import { buildCli } from './build-cli';
// @ts-expect-error plain JS test-service starter
import { startRegistry } from '../services/registry.mjs';

/**
 * Login, push, pull (both path forms of the guide), run locally, and a registry that dies in the
 * middle of a push, against the private engine and the TLS + htpasswd registry of with-services.
 */
const env = process.env;
const REGISTRY = env.CERTDESK_TEST_REGISTRY as string;
const KEY = env.CERTDESK_TEST_REGISTRY_KEY as string;
const BASE = env.CERTDESK_TEST_BASE_IMAGE as string;
const PID = 'p0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const execFileP = promisify(execFile);

function harness(extraEnv: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'images-it-'));
  const services = createServices({ dataDir, env: { ...env, ...extraEnv } });
  const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, color: false };
  const ctx = new CliContext(services, createHandlerTable(services), io);
  return { services, ctx, dataDir };
}

async function expectAppError(p: Promise<unknown>, code: string): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(code);
    return err as AppError;
  }
  throw new Error(`expected ${code}, but it succeeded`);
}

function docker(): Dockerode {
  return new Dockerode({ socketPath: (env.DOCKER_HOST as string).replace('unix://', '') });
}

async function buildImage(ctx: CliContext, tag: string, dockerfile: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ctx-'));
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  const result = await ctx.run('build.start', { contextDir: dir, tags: [tag], buildArgs: {}, noCache: false, pull: false });
  return result.imageId;
}

describe('registry login, push, pull, run', () => {
  let h: ReturnType<typeof harness>;
  let services: Services;

  beforeAll(async () => {
    h = harness();
    services = h.services;
    await buildImage(h.ctx, 'it-plugin:1.0-1', `FROM ${BASE}\nLABEL version="1.0" release="1"\nRUN echo layer-one > /one.txt\n`);
  });
  afterAll(() => services.dispose());

  it('accepts the project key, refuses a bad one, and cleans a key pasted with junk', async () => {
    const bad = await expectAppError(h.ctx.call('registry.login', { registry: REGISTRY, projectId: PID, key: 'not-the-key', store: false }), ErrorCode.RegistryUnauthorized);
    expect(bad.hint).toContain(PID);
    expect(JSON.stringify(bad.toShape())).not.toContain(KEY);

    const junk = `\u200b ${KEY.slice(0, 5)}\r\n${KEY.slice(5)}\u00a0\t\n`;
    const ok = await h.ctx.call('registry.login', { registry: REGISTRY, projectId: PID, key: junk, store: true });
    expect(ok).toMatchObject({ verified: true, stored: true, keyName: `registry-key:${REGISTRY}/${PID}` });
    expect(ok.cleaning.description).toMatch(/zero-width/);
    expect(ok.cleaning.description).toMatch(/line break/);
    expect(JSON.stringify(ok)).not.toContain(KEY);
    expect(ok.engineCheck?.ok).toBe(true);

    const status = await h.ctx.call('registry.keyStatus', { registry: REGISTRY, projectId: PID });
    expect(status.stored).toBe(true);
    expect((await h.ctx.call('registry.testLogin', { registry: REGISTRY, projectId: PID })).verified).toBe(true);
  });

  it('refuses a registry with a path or the FAQ 8 endpoint, and keeps no CA file that did not work', async () => {
    const withPid = await expectAppError(h.ctx.call('registry.login', { registry: `${REGISTRY}/${PID}`, key: KEY, store: false }), ErrorCode.InvalidInput);
    expect(withPid.message).toContain(`--project ${PID}`);
    await expectAppError(h.ctx.call('registry.login', { registry: 'registry.rhc4tp.openshift.com', projectId: PID, key: KEY, store: false }), ErrorCode.WrongEndpoint);
    await expect(h.ctx.call('registry.login', { registry: REGISTRY, projectId: PID, key: KEY, caFile: '/nonexistent/ca.pem', store: false })).rejects.toBeInstanceOf(AppError);
    expect((await h.ctx.call('registry.keyStatus', { registry: REGISTRY, projectId: PID })).caFile).not.toBe('/nonexistent/ca.pem');
    expect((await h.ctx.call('registry.login', { registry: REGISTRY, projectId: PID, key: KEY, store: false })).verified).toBe(true);
  });

  it('pushes, skips existing layers on a re-push, and pulls both path forms with the same digest', async () => {
    const events: OperationEvent[] = [];
    const target = { endpoint: REGISTRY, projectId: PID, image: 'it-plugin', tag: '1.0-1' };
    const pushed = await h.ctx.run('image.push', { source: 'it-plugin:1.0-1', target, force: false, retries: 2 }, (e) => events.push(e));
    expect(pushed.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(pushed.engineHost).toBe(env.DOCKER_HOST);
    expect(events.some((e) => e.kind === 'progress' && (e.items?.length ?? 0) > 0)).toBe(true);

    const again = await h.ctx.run('image.push', { source: 'it-plugin:1.0-1', target, force: false, retries: 2 });
    expect(again.digest).toBe(pushed.digest);
    expect(again.layersSkipped).toBeGreaterThan(0);
    expect(again.layersPushed).toBe(0);

    // What the build service would have pushed: <pid>/partner-build-service:<tag>.
    const bs = await h.ctx.run('image.push', { source: 'it-plugin:1.0-1', target: { ...target, image: 'partner-build-service' }, force: false, retries: 2 });

    const d = docker();
    for (const ref of [`${REGISTRY}/${PID}/it-plugin:1.0-1`, `${REGISTRY}/${PID}/partner-build-service:1.0-1`]) await d.getImage(ref).remove({ force: true });
    const manual = await h.ctx.run('image.pull', { endpoint: REGISTRY, projectId: PID, tag: '1.0-1', form: 'manual', image: 'it-plugin' });
    expect(manual.reference).toBe(`${REGISTRY}/${PID}/it-plugin:1.0-1`);
    expect(manual.digest).toBe(pushed.digest);
    const buildService = await h.ctx.run('image.pull', { endpoint: REGISTRY, projectId: PID, tag: '1.0-1', form: 'build-service' });
    expect(buildService.reference).toBe(`${REGISTRY}/${PID}/partner-build-service:1.0-1`);
    expect(buildService.digest).toBe(bs.digest);

    const history = await h.ctx.call('image.history', {});
    expect(history.find((x) => x.kind === 'push')?.digest).toBe(bs.digest);
  });

  it('never writes the registry key to a file: not the data folder, not ~/.docker/config.json', () => {
    const roots = [h.dataDir, join(env.HOME ?? homedir(), '.docker')];
    for (const root of roots) {
      if (!existsSync(root)) continue;
      for (const file of readdirSync(root, { recursive: true, withFileTypes: true })) {
        if (!file.isFile()) continue;
        const path = join(file.parentPath, file.name);
        expect(readFileSync(path).includes(KEY), path).toBe(false);
      }
    }
  });

  it('runs the pulled image locally and removes the container', async () => {
    const before = (await docker().listContainers({ all: true })).length;
    const run = await h.ctx.run('image.run', { image: `${REGISTRY}/${PID}/it-plugin:1.0-1`, command: ['cat', '/one.txt'], timeoutSeconds: 30 });
    expect(run).toMatchObject({ exitCode: 0, timedOut: false });
    expect(run.output.trim()).toBe('layer-one');
    const id = await h.ctx.run('image.run', { image: `${REGISTRY}/${PID}/it-plugin:1.0-1`, command: ['id'], timeoutSeconds: 30 });
    expect(id.output).toMatch(/uid=0/);
    const slow = await h.ctx.run('image.run', { image: `${REGISTRY}/${PID}/it-plugin:1.0-1`, command: ['sleep', '60'], timeoutSeconds: 1 });
    expect(slow.timedOut).toBe(true);
    expect((await docker().listContainers({ all: true })).length).toBe(before);
  });

  it('refuses the wrong endpoint of FAQ 8, a bad tag, and a wrong project path', async () => {
    const wrong = await expectAppError(
      h.ctx.run('image.push', { source: 'it-plugin:1.0-1', target: { endpoint: 'registry.rhc4tp.openshift.com', projectId: PID, image: 'it-plugin', tag: '1.0-1' }, force: false, retries: 0 }),
      ErrorCode.WrongEndpoint,
    );
    expect(wrong.message).toMatch(/never show up on the project page/);
    await expectAppError(h.ctx.run('image.push', { source: 'it-plugin:1.0-1', target: { endpoint: REGISTRY, projectId: PID, image: 'it-plugin', tag: '-1' }, force: false, retries: 0 }), ErrorCode.InvalidTag);
    const missing = await expectAppError(h.ctx.run('image.pull', { endpoint: REGISTRY, projectId: PID, tag: '9.9-9', form: 'manual', image: 'it-plugin' }), ErrorCode.RegistryNameUnknown);
    expect(missing.hint).toMatch(/partner-build-service/);
  });

  it('CLI: login reads the key from stdin (junk removed), push and pull, exit codes 0/1', async () => {
    await buildCli();
    const cliEnv = { ...env, CERTDESK_HOME: mkdtempSync(join(tmpdir(), 'images-cli-')) };
    const cli = (args: string[], input?: string) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        const child = execFile(process.execPath, ['bin/certdesk.js', ...args], { env: cliEnv }, (err, stdout, stderr) => {
          resolve({ code: err ? ((err as { code?: number }).code ?? 2) : 0, stdout, stderr });
        });
        child.stdin?.end(input ?? '');
      });
    const bad = await cli(['login', REGISTRY, '--project', PID], 'wrong-key\n');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unauthorized/);
    const good = await cli(['login', REGISTRY, '--project', PID, '--format', 'json'], ` ${KEY}\u200b\n`);
    expect(good.code).toBe(0);
    expect(good.stdout).not.toContain(KEY);
    expect(JSON.parse(good.stdout)).toMatchObject({ ok: true, stored: true });
    const push = await cli(['push', 'it-plugin:1.0-1', `${REGISTRY}/${PID}/it-cli:1.0-1`, '--format', 'json']);
    expect(push.code).toBe(0);
    const digest = JSON.parse(push.stdout).digest as string;
    const pull = await cli(['pull', `${REGISTRY}/${PID}/it-cli:1.0-1`, '--format', 'json']);
    expect(JSON.parse(pull.stdout).digest).toBe(digest);
    expect((await cli(['push', 'it-plugin:1.0-1', `registry.rhc4tp.openshift.com/${PID}/it-cli:1.0-1`])).code).toBe(1);
    expect((await cli(['push', 'it-plugin:1.0-1', `${REGISTRY}/${PID}/it-cli:.bad`])).code).toBe(1);
    expect((await cli(['push', 'it-plugin:1.0-1'])).code).toBe(2);
    expect((await cli(['logout', REGISTRY, '--project', PID])).code).toBe(0);
    const after = await cli(['push', 'it-plugin:1.0-1', `${REGISTRY}/${PID}/it-cli:1.0-1`]);
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/Log in first/);
    // A pull without a stored key says so, whatever the registry answered.
    const pullNoKey = await cli(['pull', `${REGISTRY}/${PID}/it-cli:1.0-1`]);
    expect(pullNoKey.code).not.toBe(0);
    expect(pullNoKey.stderr).toMatch(/No registry key is stored.*Log in first/s);
    // Bad input is named as such, not blamed on the registry.
    const badSource = await cli(['push', 'Bad Src!', `${REGISTRY}/${PID}/it-cli:1.0-1`]);
    expect(badSource.code).toBe(2);
    expect(badSource.stderr).toMatch(/not an image reference/);
    const loginWithPid = await cli(['login', `${REGISTRY}/${PID}`], `${KEY}\n`);
    expect(loginWithPid.code).toBe(2);
    expect(loginWithPid.stderr).toContain(`--project ${PID}`);
    expect((await cli(['login', 'registry.rhc4tp.openshift.com', '--project', PID], `${KEY}\n`)).code).toBe(1);
    // --format json holds for usage errors too.
    const usage = await cli(['push', 'it-plugin:1.0-1', '--format', 'json']);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    // After `--`, --help belongs to the command in the container.
    const echo = await cli(['run', 'it-plugin:1.0-1', '--', 'echo', '--help']);
    expect(echo.code).toBe(0);
    expect(echo.stdout).toContain('--help');
    expect(echo.stdout).not.toContain('Usage:');
    void execFileP;
  });
});

describe('a registry that dies in the middle of a push', () => {
  it('gives a clear error within seconds, and the automatic retry completes once it is back', async () => {
    const root = mkdtempSync(join(tmpdir(), 'reg-kill-'));
    mkdirSync(root, { recursive: true });
    let registry = await startRegistry(root, { name: 'reg-kill' });
    const h = harness({ CERTDESK_PUSH_BACKOFF_MS: '4000' });
    try {
      // Big enough that the push is still running when the registry goes away.
      await buildImage(h.ctx, 'it-big:1.0-1', `FROM ${BASE}\nRUN dd if=/dev/urandom of=/blob-a bs=1048576 count=60 && dd if=/dev/urandom of=/blob-b bs=1048576 count=60\n`);
      await h.ctx.call('registry.login', { registry: registry.address, projectId: PID, key: registry.password, caFile: registry.ca, store: true });
      const target = { endpoint: registry.address, projectId: PID, image: 'it-big', tag: '1.0-1' };
      let killedAt = 0;
      let warnedAfterMs = -1;
      let restarting: Promise<void> | undefined;
      const events: OperationEvent[] = [];
      const pushed = await h.ctx.run('image.push', { source: 'it-big:1.0-1', target, force: false, retries: 5 }, (e) => {
        events.push(e);
        if (!killedAt && e.kind === 'progress' && (e.items ?? []).some((i) => i.status?.startsWith('Pushing') && i.current > 0)) {
          killedAt = Date.now();
          void registry.stop('SIGKILL');
        }
        if (e.kind === 'error' && e.retrying && !restarting) {
          warnedAfterMs = Date.now() - killedAt;
          expect(e.error.code).toBe(ErrorCode.RegistryUnreachable);
          expect(e.error.hint).toMatch(/retries/);
          restarting = (async () => {
            registry = await startRegistry(root, { name: 'reg-kill', port: registry.port, storage: registry.storage, password: registry.password });
          })();
        }
      });
      await restarting;
      expect(killedAt).toBeGreaterThan(0);
      // "Within seconds", told by order not by clock: the error came before the engine's own
      // layer retries got past their first 5 s pause (it would keep trying for about a minute).
      expect(warnedAfterMs).toBeGreaterThanOrEqual(0);
      const firstWarning = events.findIndex((e) => e.kind === 'error');
      const before = events.slice(0, firstWarning).flatMap((e) => (e.kind === 'log' ? e.lines : []));
      expect(before.some((l) => /Retrying in (1[0-9]|[2-9][0-9]) seconds/.test(l))).toBe(false);
      expect(pushed.attempts).toBeGreaterThan(1);
      await docker().getImage(`${registry.address}/${PID}/it-big:1.0-1`).remove({ force: true });
      const pulled = await h.ctx.run('image.pull', { reference: `${registry.address}/${PID}/it-big:1.0-1` });
      expect(pulled.digest).toBe(pushed.digest);
    } finally {
      h.services.dispose();
      await registry.stop();
    }
  });
});
