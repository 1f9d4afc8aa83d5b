import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calls, type CallName } from '@shared/contract/calls';
import { ErrorCode, type CallResult } from '@shared/contract/error-codes';
import { registerHandlers, type Door, type HandlerTable } from './register';

/**
 * Every IPC payload meets the zod contract before any handler: thousands of arbitrary payloads per
 * run, for every call, must come back as a structured answer — never a throw, never a handler call
 * with input the schema refused.
 */
const names = Object.keys(calls) as CallName[];

function recordingTable(seen: Array<{ name: string; input: unknown }>): HandlerTable {
  return new Proxy({} as HandlerTable, {
    get: (_t, name) => (input: unknown) => {
      seen.push({ name: String(name), input });
      return { ok: 'recorded' };
    },
  });
}

const door: Door<null> = { name: 'ipc', isTrusted: () => true, sinkFor: () => () => undefined, listen: () => () => undefined };

function isStructured(result: CallResult<unknown>): boolean {
  if (result.ok) return true;
  return typeof result.error.code === 'string' && typeof result.error.message === 'string' && result.error.message.length > 0;
}

describe('IPC contract under fuzzing', () => {
  it('answers arbitrary payloads for every call with a structured result', async () => {
    const seen: Array<{ name: string; input: unknown }> = [];
    const { answer } = registerHandlers(door, recordingTable(seen));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.anything({ withObjectString: true, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }), async (name, payload) => {
        seen.length = 0;
        const result = await answer(null, name, payload);
        expect(isStructured(result)).toBe(true);
        const accepted = calls[name].input.safeParse(payload ?? {}).success;
        if (accepted) {
          expect(seen).toHaveLength(1);
        } else {
          expect(result).toMatchObject({ ok: false, error: { code: ErrorCode.InvalidInput } });
          expect(seen).toHaveLength(0);
        }
      }),
      { numRuns: Math.max(2000, names.length * 100) },
    );
  });

  it('answers arbitrary call names without dispatching', async () => {
    const seen: Array<{ name: string; input: unknown }> = [];
    const { answer } = registerHandlers(door, recordingTable(seen));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.anything()), async (name) => {
        fc.pre(!(typeof name === 'string' && (names as string[]).includes(name)));
        const result = await answer(null, name, {});
        expect(result).toMatchObject({ ok: false, error: { code: ErrorCode.UnknownCall } });
      }),
      { numRuns: 1000 },
    );
    expect(seen).toHaveLength(0);
  });

  it('bounds every string and array a call accepts, so a huge payload is refused', () => {
    // A 5 MB string in every string field of every call must fail validation somewhere.
    const huge = 'x'.repeat(5 * 1024 * 1024);
    for (const name of names) {
      const schema = calls[name].input;
      const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
      if (!shape) continue;
      for (const key of Object.keys(shape)) {
        const parsed = schema.safeParse({ [key]: huge });
        if (parsed.success) {
          const value = (parsed.data as Record<string, unknown>)[key];
          expect.soft(value, `${name}.${key} accepts a 5 MB string`).not.toBe(huge);
        }
      }
    }
  });
});
