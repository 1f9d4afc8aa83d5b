import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { EngineService } from '../docker/engine-service';
import type { OperationHandle } from '../operations/operation-registry';
import type { RegistryLoginService } from '../registry/registry-login-service';
import type { ImageSettingsFile } from './image-settings';
import { PushPullService } from './push-pull-service';

/**
 * The engine's side of a push or pull ending with an error line instead of a broken connection
 * (an engine shutting down writes "context canceled" and closes the response): with the engine
 * gone that is ENGINE_UNREACHABLE and tried once; with the engine there it is the registry's error,
 * retried no more than asked. The real engine is in e2e/integration/images-engine-gone.test.ts.
 */
const HOST = 'unix:///run/fake-engine.sock';
const target = { endpoint: '127.0.0.1:5000', projectId: 'p0a1b2c3d4e5f60718293a4b5c6d7e8f9', image: 'it', tag: '1.0-1' };

function endingWith(errorLine: string): NodeJS.ReadableStream {
  const s = new PassThrough();
  s.end(`{"status":"Preparing","id":"abc123"}\n{"errorDetail":{"message":${JSON.stringify(errorLine)}},"error":${JSON.stringify(errorLine)}}\n`);
  return s;
}

function setup(errorLine: string, engineReachable: boolean) {
  const calls = { push: 0, pull: 0, warnings: [] as { code: string; retrying: boolean }[] };
  const docker = {
    getImage: () => ({
      tag: async () => undefined,
      push: async () => {
        calls.push++;
        return endingWith(errorLine);
      },
      inspect: async () => ({ Id: 'sha256:x', RepoDigests: [] }),
    }),
    pull: async () => {
      calls.pull++;
      return endingWith(errorLine);
    },
  };
  const engine = {
    docker: async () => docker,
    currentHost: () => HOST,
    status: async () => ({ reachable: engineReachable }),
  } as unknown as EngineService;
  const registry = { credentials: async () => ({ username: 'unused', password: 'k' }), caFileFor: () => undefined } as unknown as RegistryLoginService;
  const settings = { addHistory: () => undefined } as unknown as ImageSettingsFile;
  const service = new PushPullService({ engine, registry, settings, backoffMs: () => 1 });
  const op: OperationHandle = {
    id: 'op-test',
    signal: new AbortController().signal,
    log: () => undefined,
    progress: () => undefined,
    warn: (error, retrying) => calls.warnings.push({ code: error.code, retrying }),
  };
  return { service, op, calls };
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

describe('push and pull when the engine goes away', () => {
  it('a push ended by an engine shutting down is ENGINE_UNREACHABLE, naming the host, tried once', async () => {
    const { service, op, calls } = setup('context canceled', false);
    const err = await failure(service.push({ source: 'it:1', target, force: false, retries: 5 }, op));
    expect(err.code).toBe(ErrorCode.EngineUnreachable);
    expect(err.message).toContain(HOST);
    expect(err.hint).toMatch(/Start the engine again/);
    expect(calls.push).toBe(1);
    expect(calls.warnings).toEqual([]);
  });

  it('a pull ended by an engine shutting down is ENGINE_UNREACHABLE', async () => {
    const { service, op } = setup('context canceled', false);
    const err = await failure(service.pull({ reference: '127.0.0.1:5000/p0a1b2c3d4e5f60718293a4b5c6d7e8f9/it:1.0-1' }, op));
    expect(err.code).toBe(ErrorCode.EngineUnreachable);
    expect(err.message).toContain(HOST);
  });

  it('with the engine still there a retryable registry error is retried only as often as asked', async () => {
    const { service, op, calls } = setup('blob upload unknown', true);
    const err = await failure(service.push({ source: 'it:1', target, force: false, retries: 2 }, op));
    expect(err.code).toBe(ErrorCode.RegistryError);
    expect(err.message).toMatch(/after 3 attempts/);
    expect(calls.push).toBe(3);
    expect(calls.warnings.map((w) => w.retrying)).toEqual([true, true]);
  });
});
