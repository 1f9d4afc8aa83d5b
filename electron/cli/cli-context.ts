import type { Writable } from 'node:stream';
import { AppError } from '@shared/contract/app-error';
import type { DirectOutput } from '@shared/contract/api';
import type { CallInput, CallName, CallOutput } from '@shared/contract/calls';
import { ErrorCode, type AppErrorShape, type CallResult } from '@shared/contract/error-codes';
import type { EventMap, EventName } from '@shared/contract/events';
import type { OperationEvent } from '@shared/contract/operation';
import { registerHandlers, type Door, type HandlerTable } from '../main/ipc/register';
import type { Services } from '../main/services/create-services';

/** Exit codes every command shares: 0 done/passed, 1 check failed or refused, 2 usage or runtime error. */
export const Exit = { Ok: 0, Failed: 1, Error: 2 } as const;

export class CliUsageError extends Error {}

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: NodeJS.ReadableStream;
  /** Progress bars and spinners only where a person watches. */
  isTTY: boolean;
  color: boolean;
}

type Listener = (event: OperationEvent) => void;

/** The CLI's door: the same handler table, called in-process, events routed to the waiting command. */
export class CliContext {
  private readonly listeners = new Set<Listener>();
  private readonly answer: (sender: null, name: unknown, payload: unknown) => Promise<CallResult<unknown>>;

  constructor(
    readonly services: Services,
    table: HandlerTable,
    readonly io: CliIo,
  ) {
    const door: Door<null> = {
      name: 'cli',
      isTrusted: () => true,
      sinkFor: () => (event, payload) => this.onEvent(event, payload),
      listen: () => () => undefined,
    };
    this.answer = registerHandlers(door, table).answer;
  }

  /** Calls through the dispatcher (validated like any door); a failure becomes an AppError. */
  async call<K extends CallName>(name: K, input: CallInput<K>): Promise<DirectOutput<K>> {
    const result = await this.answer(null, name, input);
    if (!result.ok) throw appErrorFrom(result.error);
    return result.data as DirectOutput<K>;
  }

  /** Starts long work and waits for its `done`, passing every event to `onEvent`. Ctrl-C cancels it. */
  async run<K extends CallName>(name: K, input: CallInput<K>, onEvent: Listener = () => undefined): Promise<CallOutput<K>> {
    const buffered: OperationEvent[] = [];
    const early: Listener = (e) => buffered.push(e);
    this.listeners.add(early);
    let operationId: string;
    try {
      ({ operationId } = (await this.call(name, input)) as { operationId: string });
    } finally {
      this.listeners.delete(early);
    }
    return new Promise<CallOutput<K>>((resolve, reject) => {
      const onSigint = () => {
        void this.call('operation.cancel', { operationId });
      };
      process.once('SIGINT', onSigint);
      const listener: Listener = (event) => {
        if (event.operationId !== operationId) return;
        onEvent(event);
        if (event.kind !== 'done') return;
        this.listeners.delete(listener);
        process.removeListener('SIGINT', onSigint);
        if (event.ok) resolve(event.result as CallOutput<K>);
        else reject(appErrorFrom(event.error));
      };
      this.listeners.add(listener);
      for (const event of buffered) listener(event);
    });
  }

  private onEvent<E extends EventName>(event: E, payload: EventMap[E]): void {
    if (event !== 'operation') return;
    for (const listener of [...this.listeners]) listener(payload as OperationEvent);
  }
}

export function appErrorFrom(shape: AppErrorShape): AppError {
  return new AppError(shape.code, shape.message, { ...(shape.hint ? { hint: shape.hint } : {}), ...(shape.details !== undefined ? { details: shape.details } : {}) });
}

export function isCancelled(err: unknown): boolean {
  return err instanceof AppError && err.code === ErrorCode.Cancelled;
}
