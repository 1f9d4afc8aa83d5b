import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { OperationEvent } from '@shared/contract/operation';
import { OperationRegistry } from './operation-registry';

function collector() {
  const events: OperationEvent[] = [];
  const emit = ((name: string, payload: OperationEvent) => {
    if (name === 'operation') events.push(payload);
  }) as Parameters<OperationRegistry['start']>[2];
  return { events, emit };
}

describe('OperationRegistry', () => {
  it('batches log lines into few events and ends with done carrying the result', async () => {
    const registry = new OperationRegistry();
    const { events, emit } = collector();
    const { done } = registry.start('build', 'test', emit, async (op) => {
      for (let i = 0; i < 1000; i++) op.log(`line ${i}`);
      return { image: 'sha256:abc' };
    });
    await expect(done).resolves.toEqual({ ok: true, result: { image: 'sha256:abc' } });
    const logs = events.filter((e) => e.kind === 'log');
    expect(logs.length).toBeLessThan(5);
    expect(logs.flatMap((e) => (e.kind === 'log' ? e.lines : []))).toHaveLength(1000);
    expect(events.at(-1)).toMatchObject({ kind: 'done', ok: true });
  });

  it('flushes pending lines before the final event', async () => {
    const registry = new OperationRegistry();
    const { events, emit } = collector();
    const { done } = registry.start('scan', 't', emit, async (op) => {
      op.log('last words');
      throw new AppError(ErrorCode.ScanFailed, 'nope');
    });
    await expect(done).resolves.toMatchObject({ ok: false, error: { code: ErrorCode.ScanFailed } });
    expect(events.map((e) => e.kind)).toEqual(['log', 'done']);
  });

  it('cancel aborts the signal and reports CANCELLED', async () => {
    const registry = new OperationRegistry();
    const { events, emit } = collector();
    const { operationId, done } = registry.start('push', 't', emit, (op) =>
      new Promise((_resolve, reject) => op.signal.addEventListener('abort', () => reject(new Error('aborted')))),
    );
    expect(registry.list()[0]).toMatchObject({ operationId, state: 'running' });
    expect(registry.cancel(operationId)).toBe(true);
    await expect(done).resolves.toMatchObject({ ok: false, error: { code: ErrorCode.Cancelled } });
    expect(registry.cancel(operationId)).toBe(false);
    expect(registry.list()[0]).toMatchObject({ operationId, state: 'cancelled' });
    expect(events.at(-1)).toMatchObject({ kind: 'done', ok: false });
  });

  it('keeps working when the window that asked is gone', async () => {
    const registry = new OperationRegistry();
    const { done } = registry.start('build', 't', () => {
      throw new Error('window destroyed');
    }, async (op) => {
      op.log('x');
      return 1;
    });
    await expect(done).resolves.toEqual({ ok: true, result: 1 });
  });

  it('bounds buffered lines by flushing early', async () => {
    const registry = new OperationRegistry();
    const { events, emit } = collector();
    let sizes: number[] = [];
    const { done } = registry.start('build', 't', emit, async (op) => {
      for (let i = 0; i < 10_000; i++) op.log('x');
      sizes = events.filter((e) => e.kind === 'log').map((e) => (e.kind === 'log' ? e.lines.length : 0));
      return null;
    });
    await done;
    expect(sizes.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2000);
  });
});
