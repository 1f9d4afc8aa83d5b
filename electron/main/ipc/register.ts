import { ZodError } from 'zod';
import { AppError } from '@shared/contract/app-error';
import type { DirectOutput } from '@shared/contract/api';
import { calls, isCallName, type CallName, type CallParsedInput } from '@shared/contract/calls';
import type { CallDefs, ParsedInputOf } from '@shared/contract/define-call';
import { ErrorCode, type CallResult } from '@shared/contract/error-codes';
import type { CallContext, EventSink } from './call-context';

export type Handler<K extends CallName> = (
  input: CallParsedInput<K>,
  ctx: CallContext,
) => Promise<DirectOutput<K>> | DirectOutput<K>;

/** Exactly one handler per call: a missing one fails to compile. */
export type HandlerTable = { [K in CallName]: Handler<K> };

/** The handlers of one domain's calls, for `handlers/<domain>.ts`. */
export type HandlersFor<D extends CallDefs> = {
  [K in keyof D & CallName]: (input: ParsedInputOf<D[K]>, ctx: CallContext) => Promise<DirectOutput<K>> | DirectOutput<K>;
};

/** A way in: Electron IPC, the loopback WebSocket, or the CLI in-process. */
export interface Door<S> {
  readonly name: CallContext['door'];
  /** Rejects senders the door must not serve (subframes, webviews, foreign origins, no token). */
  isTrusted(sender: S): boolean;
  sinkFor(sender: S): EventSink;
  /** Wires the transport to `answer`; returns what undoes it. */
  listen(answer: (sender: S, name: unknown, payload: unknown) => Promise<CallResult<unknown>>): () => void;
}

export interface Registration<S> {
  answer: (sender: S, name: unknown, payload: unknown) => Promise<CallResult<unknown>>;
  dispose: () => void;
}

/**
 * The one registration helper: sender check → input parse → dispatch → `{ok,data}` or
 * `{ok:false,error}`. Nothing thrown by a handler crosses the door.
 */
export function registerHandlers<S>(door: Door<S>, table: HandlerTable, onInternalError?: (err: unknown) => void): Registration<S> {
  const answer = async (sender: S, name: unknown, payload: unknown): Promise<CallResult<unknown>> => {
    if (!door.isTrusted(sender)) {
      return failure(ErrorCode.ForbiddenSender, 'This caller is not allowed to talk to CertDesk.');
    }
    if (!isCallName(name)) {
      return failure(ErrorCode.UnknownCall, `Unknown call ${describeName(name)}.`);
    }
    const parsed = calls[name].input.safeParse(payload ?? {});
    if (!parsed.success) {
      return failure(ErrorCode.InvalidInput, describeZodError(parsed.error), { issues: parsed.error.issues.slice(0, 20) });
    }
    try {
      const handler = table[name] as (input: unknown, ctx: CallContext) => unknown;
      const data = await handler(parsed.data, { door: door.name, emit: door.sinkFor(sender) });
      return { ok: true, data };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.toShape() };
      onInternalError?.(err);
      return failure(ErrorCode.Internal, `CertDesk hit an unexpected error: ${errorText(err)}`);
    }
  };
  const dispose = door.listen(answer);
  return { answer, dispose };
}

function failure(code: ErrorCode, message: string, details?: unknown): CallResult<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

function describeZodError(error: ZodError): string {
  const first = error.issues[0];
  if (!first) return 'The request was not valid.';
  const where = first.path.length > 0 ? first.path.join('.') : 'input';
  return `Invalid ${where}: ${first.message}`;
}

/** Names the refused call without trusting it: a hostile object's toString may throw. */
function describeName(name: unknown): string {
  return typeof name === 'string' ? JSON.stringify(name.slice(0, 80)) : `of type ${typeof name}`;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
