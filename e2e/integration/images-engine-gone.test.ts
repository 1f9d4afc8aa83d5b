import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { OperationEvent } from '@shared/contract/operation';
import { CliContext } from '../../electron/cli/cli-context';
import { createHandlerTable } from '../../electron/main/ipc/handler-table';
import { createServices } from '../../electron/main/services/create-services';
// @ts-expect-error plain JS test-service starter
import { startDockerEngine } from '../services/docker-engine.mjs';
// @ts-expect-error plain JS test-service starter
import { startRegistry } from '../services/registry.mjs';

/**
 * Issue #5 for push and pull: a private engine stopped while layers are moving ends the job with
 * the engine's message (no retry loop against a dead engine, no progress after `done`), and once
 * the engine is back on the same socket a push (skipping layers already sent) and a pull complete.
 * Also a pull cancelled midway leaves no image tagged.
 */
const PID = 'p0a1b2c3d4e5f60718293a4b5c6d7e8f9';
/** Not a speed target: only a guard so a hung operation fails the test instead of the suite. */
const NEVER_HANG_MS = 60_000;

function harness(dockerHost: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'images-engine-gone-'));
  // A short backoff: a retry loop against the dead engine would show up quickly as `retrying` warnings.
  const services = createServices({ dataDir, env: { ...process.env, DOCKER_HOST: dockerHost, CERTDESK_PUSH_BACKOFF_MS: '200' } });
  const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), isTTY: false, color: false };
  return { services, ctx: new CliContext(services, createHandlerTable(services), io) };
}

/** Resolves with the operation's outcome; rejects only if `done` never comes (the guard). */
async function outcome<T>(p: Promise<T>): Promise<{ ok: true; result: T } | { ok: false; error: AppError }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the operation did not end within ${NEVER_HANG_MS} ms`)), NEVER_HANG_MS);
  });
  try {
    const result = await Promise.race([p, guard]);
    return { ok: true, result };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err };
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** True once a layer of this progress event has moved bytes (push: Pushing, pull: Downloading). */
const bytesMoving = (e: OperationEvent, status: RegExp) => e.kind === 'progress' && (e.items ?? []).some((i) => status.test(i.status ?? '') && i.current > 0);

describe('an engine that stops during a push or a pull', () => {
  it('fails push and pull with the engine message, recovers when it returns; a cancelled pull leaves no image', async () => {
    const root = mkdtempSync(join(tmpdir(), 'engine-gone-pp-'));
    let engine = await startDockerEngine(root);
    const registry = await startRegistry(root, { name: 'reg-engine-gone' });
    const host = engine.env.DOCKER_HOST as string;
    const h = harness(host);
    const docker = new Dockerode({ socketPath: host.replace('unix://', '') });
    const reference = `${registry.address}/${PID}/it-heavy:1.0-1`;
    const doneIds = new Set<string>();
    const afterDone: OperationEvent[] = [];
    const follow = (e: OperationEvent) => {
      if (doneIds.has(e.operationId)) afterDone.push(e);
      if (e.kind === 'done') doneIds.add(e.operationId);
    };
    // Every event of every operation, also those a finished `run` no longer passes on (the CLI door's own listener set).
    const listeners = (h.ctx as unknown as { listeners: Set<(e: OperationEvent) => void> }).listeners;
    listeners.add(follow);
    const removeLocal = async () => {
      for (const ref of [reference, 'it-heavy:1.0-1']) await docker.getImage(ref).remove({ force: true }).catch(() => undefined);
    };
    try {
      // Four layers of random data, made in the private engine: a push or pull takes long enough to stop the engine in it.
      const ctxDir = mkdtempSync(join(tmpdir(), 'ctx-heavy-'));
      writeFileSync(
        join(ctxDir, 'Dockerfile'),
        `FROM ${engine.env.CERTDESK_TEST_BASE_IMAGE}\n${['a', 'b', 'c', 'd'].map((n) => `RUN dd if=/dev/urandom of=/blob-${n} bs=1048576 count=60`).join('\n')}\n`,
      );
      await h.ctx.run('build.start', { contextDir: ctxDir, tags: ['it-heavy:1.0-1'], buildArgs: {}, noCache: false, pull: false });
      await h.ctx.call('registry.login', { registry: registry.address, projectId: PID, key: registry.password, caFile: registry.ca, store: true });
      const target = { endpoint: registry.address, projectId: PID, image: 'it-heavy', tag: '1.0-1' };

      // PUSH: stop the engine once layers are being sent.
      let stopping: Promise<void> | undefined;
      const pushEvents: OperationEvent[] = [];
      const push = await outcome(
        h.ctx.run('image.push', { source: 'it-heavy:1.0-1', target, force: false, retries: 5 }, (e) => {
          pushEvents.push(e);
          // Once a layer is up (the small base) and the big ones are moving: the re-push can skip one.
          if (!stopping && bytesMoving(e, /^Pushing/) && bytesMoving(e, /^Pushed/)) stopping = engine.stop();
        }),
      );
      await stopping;
      expect(stopping, 'the push moved bytes before it ended').toBeDefined();
      expect(push.ok).toBe(false);
      if (push.ok) return;
      expect(push.error.code).toBe(ErrorCode.EngineUnreachable);
      expect(push.error.message).toContain(host);
      expect(push.error.hint).toMatch(/Start the engine again/);
      // No retry loop against the dead engine: no `retrying` warning at all, and `done` is the last event.
      expect(pushEvents.filter((e) => e.kind === 'error' && e.retrying)).toEqual([]);
      expect(pushEvents.at(-1)).toMatchObject({ kind: 'done', ok: false, error: { code: ErrorCode.EngineUnreachable } });
      expect(h.services.operations.list().filter((o) => o.state === 'running')).toEqual([]);
      expect((await h.ctx.call('engine.status', {})).reachable).toBe(false);

      // The engine returns on the same root and socket: the push completes, skipping what the registry has.
      engine = await startDockerEngine(root);
      expect(engine.env.DOCKER_HOST).toBe(host);
      expect((await h.ctx.call('engine.status', {})).reachable).toBe(true);
      const pushed = await outcome(h.ctx.run('image.push', { source: 'it-heavy:1.0-1', target, force: false, retries: 2 }));
      if (!pushed.ok) throw pushed.error;
      expect(pushed.result.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
      expect(pushed.result.engineHost).toBe(host);
      expect(pushed.result.attempts).toBe(1);
      // The base layer went up before the engine stopped: the registry has it, so it is skipped now.
      expect(pushed.result.layersSkipped).toBeGreaterThan(0);

      // PULL: with the image gone from the engine, stop the engine while layers download.
      await removeLocal();
      stopping = undefined;
      const pullEvents: OperationEvent[] = [];
      const pull = await outcome(
        h.ctx.run('image.pull', { reference }, (e) => {
          pullEvents.push(e);
          if (!stopping && bytesMoving(e, /^(Downloading|Extracting)/)) stopping = engine.stop();
        }),
      );
      await stopping;
      expect(stopping, 'the pull moved bytes before it ended').toBeDefined();
      expect(pull.ok).toBe(false);
      if (pull.ok) return;
      expect(pull.error.code).toBe(ErrorCode.EngineUnreachable);
      expect(pull.error.message).toContain(host);
      expect(pull.error.hint).toMatch(/Start the engine again/);
      expect(pullEvents.at(-1)).toMatchObject({ kind: 'done', ok: false, error: { code: ErrorCode.EngineUnreachable } });
      expect(h.services.operations.list().filter((o) => o.state === 'running')).toEqual([]);

      engine = await startDockerEngine(root);
      const pulled = await outcome(h.ctx.run('image.pull', { reference }));
      if (!pulled.ok) throw pulled.error;
      expect(pulled.result.digest).toBe(pushed.result.digest);
      expect(pulled.result.engineHost).toBe(host);

      // CANCEL mid-pull: CANCELLED, and no image tagged with the reference.
      await removeLocal();
      let cancelling: Promise<unknown> | undefined;
      const cancelEvents: OperationEvent[] = [];
      const cancelled = await outcome(
        h.ctx.run('image.pull', { reference }, (e) => {
          cancelEvents.push(e);
          if (!cancelling && bytesMoving(e, /^(Downloading|Extracting)/)) cancelling = h.ctx.call('operation.cancel', { operationId: e.operationId });
        }),
      );
      await cancelling;
      expect(cancelling, 'the pull moved bytes before it was cancelled').toBeDefined();
      expect(cancelled.ok).toBe(false);
      if (cancelled.ok) return;
      expect(cancelled.error.code).toBe(ErrorCode.Cancelled);
      expect(cancelEvents.at(-1)).toMatchObject({ kind: 'done', ok: false, error: { code: ErrorCode.Cancelled } });
      const tagged = (await docker.listImages()).flatMap((i) => [...(i.RepoTags ?? []), ...(i.RepoDigests ?? [])]);
      expect(tagged.filter((t) => t.startsWith(`${registry.address}/${PID}/it-heavy`))).toEqual([]);
      await expect(docker.getImage(reference).inspect()).rejects.toMatchObject({ statusCode: 404 });

      // The engine still works after the cancel: the same pull completes.
      const again = await outcome(h.ctx.run('image.pull', { reference }));
      if (!again.ok) throw again.error;
      expect(again.result.digest).toBe(pushed.result.digest);

      // No spinner outlived its operation: nothing was sent for an operation after its `done`.
      expect(afterDone).toEqual([]);
      expect(h.services.operations.list().filter((o) => o.state === 'running')).toEqual([]);
    } finally {
      listeners.delete(follow);
      h.services.dispose();
      await engine.stop();
      await registry.stop();
    }
  });
});
