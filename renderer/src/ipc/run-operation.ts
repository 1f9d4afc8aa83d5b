import type { AppErrorShape, CallResult } from '@shared/contract/error-codes';
import type { OperationEvent, OperationStarted } from '@shared/contract/operation';
import { certdesk } from './certdesk';
import { EarlyEvents } from './early-events';

/**
 * Starts long work and resolves with its `done` result. The listener is attached before the call
 * so no event is missed, and removed on `done` (no leaked listeners).
 */
export async function runOperation<T>(
  start: () => Promise<CallResult<OperationStarted>>,
  onProgress: (event: Extract<OperationEvent, { kind: 'progress' | 'log' }>) => void,
  /** Called with the id as soon as the work started (for a Cancel button). */
  onStarted?: (operationId: string) => void,
): Promise<CallResult<T>> {
  const early = new EarlyEvents();
  let operationId: string | undefined;
  let finish: ((result: CallResult<T>) => void) | undefined;
  const handle = (event: OperationEvent) => {
    if (event.operationId !== operationId) return;
    if (event.kind === 'progress' || event.kind === 'log') onProgress(event);
    if (event.kind === 'done') finish?.(event.ok ? { ok: true, data: event.result as T } : { ok: false, error: event.error as AppErrorShape });
  };
  const unsubscribe = certdesk.on('operation', (event) => (operationId ? handle(event) : early.add(event)));
  try {
    const started = await start();
    if (!started.ok) return started;
    operationId = started.data.operationId;
    onStarted?.(operationId);
    return await new Promise<CallResult<T>>((resolve) => {
      finish = resolve;
      for (const event of early.take(started.data.operationId)) handle(event);
    });
  } finally {
    unsubscribe();
  }
}
