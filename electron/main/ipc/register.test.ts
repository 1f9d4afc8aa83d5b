import { describe, expect, it, vi } from 'vitest';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { CallContext } from './call-context';
import { registerHandlers, type Door, type HandlerTable } from './register';

interface Sender {
  trusted: boolean;
}

function makeDoor() {
  const events: unknown[] = [];
  const door: Door<Sender> = {
    name: 'loopback',
    isTrusted: (s) => s.trusted,
    sinkFor: () => (event, payload) => events.push({ event, payload }),
    listen: () => () => undefined,
  };
  return { door, events };
}

/** A table whose engine.status handler is replaceable; the rest answer a marker. */
function tableWith(status: (input: unknown, ctx: CallContext) => unknown): HandlerTable {
  return new Proxy({} as HandlerTable, {
    get: (_t, name) => (name === 'engine.status' ? status : () => ({ called: String(name) })),
  });
}

describe('registerHandlers', () => {
  it('answers {ok:true,data} with the handler result', async () => {
    const { door } = makeDoor();
    const { answer } = registerHandlers(door, tableWith(() => ({ reachable: false })));
    await expect(answer({ trusted: true }, 'engine.status', {})).resolves.toEqual({ ok: true, data: { reachable: false } });
  });

  it('refuses an untrusted sender before parsing or dispatching', async () => {
    const handler = vi.fn();
    const { door } = makeDoor();
    const { answer } = registerHandlers(door, tableWith(handler));
    const result = await answer({ trusted: false }, 'engine.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: ErrorCode.ForbiddenSender } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses unknown calls, including prototype names', async () => {
    const { door } = makeDoor();
    const { answer } = registerHandlers(door, tableWith(() => 1));
    for (const name of ['nope.nothing', '__proto__', 'constructor', 'toString', 42, null]) {
      expect(await answer({ trusted: true }, name, {})).toMatchObject({ ok: false, error: { code: ErrorCode.UnknownCall } });
    }
  });

  it('rejects input that does not match the schema, naming the field', async () => {
    const handler = vi.fn();
    const { door } = makeDoor();
    const { answer } = registerHandlers(door, tableWith(handler));
    const result = await answer({ trusted: true }, 'operation.cancel', { operationId: '../../etc' });
    expect(result).toMatchObject({ ok: false, error: { code: ErrorCode.InvalidInput } });
    if (!result.ok) expect(result.error.message).toContain('operationId');
    const extra = await answer({ trusted: true }, 'engine.status', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: ErrorCode.InvalidInput } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('keeps an AppError code and hint across the door', async () => {
    const { door } = makeDoor();
    const { answer } = registerHandlers(
      door,
      tableWith(() => {
        throw new AppError(ErrorCode.EngineUnreachable, 'No engine.', { hint: 'Start one.' });
      }),
    );
    expect(await answer({ trusted: true }, 'engine.status', {})).toEqual({
      ok: false,
      error: { code: ErrorCode.EngineUnreachable, message: 'No engine.', hint: 'Start one.' },
    });
  });

  it('turns any other throw (sync or async) into INTERNAL without rejecting', async () => {
    const onInternal = vi.fn();
    const { door } = makeDoor();
    const { answer } = registerHandlers(door, tableWith(async () => Promise.reject(new TypeError('boom'))), onInternal);
    const result = await answer({ trusted: true }, 'engine.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: ErrorCode.Internal } });
    expect(onInternal).toHaveBeenCalledOnce();
  });

  it('gives handlers a sink that reaches only the calling sender', async () => {
    const { door, events } = makeDoor();
    const { answer } = registerHandlers(
      door,
      tableWith((_input, ctx) => {
        ctx.emit('operation', { operationId: 'op-test', kind: 'log', lines: ['x'] });
        return null;
      }),
    );
    await answer({ trusted: true }, 'engine.status', {});
    expect(events).toHaveLength(1);
  });
});
