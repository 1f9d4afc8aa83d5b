import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isUtf8 } from 'node:buffer';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { calls, type CallName } from '@shared/contract/calls';
import type { HandlerTable } from '../main/ipc/register';
import { startLoopbackServer, type LoopbackServer } from './loopback-server';

/**
 * The loopback bridge reads frames from a browser tab: random text and binary frames over a real
 * WebSocket must each get an answer (a structured refusal or the call's result), and the server
 * keeps serving — a good call made after them succeeds.
 */

const names = Object.keys(calls) as CallName[];
const ANSWER_TIMEOUT_MS = 10_000;

/** Every handler records and answers at once: the fuzz is about the bridge, not the services. */
const table = new Proxy({} as HandlerTable, { get: () => () => ({ recorded: true }) });

let server: LoopbackServer;
let rendererDir: string;
const internalErrors: unknown[] = [];

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'certdesk-bridge-fuzz-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>CertDesk</title>');
  server = await startLoopbackServer({ table, rendererDir, onInternalError: (err) => internalErrors.push(err) });
});

afterAll(async () => {
  await server.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

interface Answer {
  id: number | null;
  result: { ok: boolean; error?: { code: string; message: string } };
}

/** A bridge client that collects every answer and can wait for a number of them. */
class Client {
  readonly answers: Answer[] = [];
  private waiters: Array<() => void> = [];
  closed = false;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      this.answers.push(JSON.parse(raw.toString()) as Answer);
      for (const w of this.waiters.splice(0)) w();
    });
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static open(): Promise<Client> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(`ws://127.0.0.1:${server.port}/bridge?token=${encodeURIComponent(server.token)}`, { headers: { Origin: `http://127.0.0.1:${server.port}` } });
      socket.once('open', () => resolve(new Client(socket)));
      socket.once('error', reject);
    });
  }

  /** Resolves once `count` answers arrived; rejects on close or after the bound (a hang). */
  async waitFor(count: number): Promise<void> {
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    while (this.answers.length < count) {
      if (this.closed) throw new Error(`socket closed after ${this.answers.length}/${count} answers`);
      if (Date.now() > deadline) throw new Error(`only ${this.answers.length}/${count} answers within ${ANSWER_TIMEOUT_MS} ms: a hang`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.socket.terminate();
  }
}

type Frame = { text: string } | { binary: Uint8Array };
const jsonInput = fc.jsonValue({ maxDepth: 3 });
const requestLike = fc.record(
  {
    id: fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 5 }), fc.constant(null), fc.constant(Number.MAX_SAFE_INTEGER + 2)),
    call: fc.oneof(fc.constantFrom(...names), fc.string({ maxLength: 30 }), jsonInput),
    input: jsonInput,
  },
  { requiredKeys: [] },
);
const frame: fc.Arbitrary<Frame> = fc.oneof(
  fc.string({ maxLength: 200 }).map((text) => ({ text })),
  fc.string({ unit: 'binary', maxLength: 100 }).map((text) => ({ text })),
  jsonInput.map((v) => ({ text: JSON.stringify(v) })),
  requestLike.map((r) => ({ text: JSON.stringify(r) })),
  fc.tuple(fc.constantFrom(...names), jsonInput, fc.integer({ min: 1, max: 1e9 })).map(([call, input, id]) => ({ text: JSON.stringify({ id, call, input }) })),
  fc.tuple(requestLike, fc.nat()).map(([r, n]) => { const s = JSON.stringify(r); return { text: s.slice(0, n % (s.length + 1)) }; }),
  fc.uint8Array({ maxLength: 300 }).map((binary) => ({ binary })),
);

const GOOD_ID = 424242;
function goodCall(client: Client): void {
  client.socket.send(JSON.stringify({ id: GOOD_ID, call: 'engine.status', input: {} }));
}

describe('loopback bridge under fuzzing', () => {
  it('answers every frame of random batches and keeps serving', async () => {
    expect(names).toContain('engine.status');
    const client = await Client.open();
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 20 }), async (frames) => {
          const before = client.answers.length;
          for (const f of frames) client.socket.send('text' in f ? f.text : Buffer.from(f.binary), { binary: !('text' in f) });
          goodCall(client);
          await client.waitFor(before + frames.length + 1);
          const answers = client.answers.slice(before);
          expect(answers).toHaveLength(frames.length + 1);
          for (const a of answers) {
            expect(a.result && typeof a.result.ok === 'boolean').toBe(true);
            if (!a.result.ok) expect(a.result.error?.message.length).toBeGreaterThan(0);
          }
          expect(answers.filter((a) => a.id === GOOD_ID && a.result.ok).length).toBeGreaterThanOrEqual(1);
        }),
        { numRuns: 300 },
      );
    } finally {
      client.close();
    }
    expect(internalErrors).toEqual([]);
  }, 120_000);

  it('survives text frames that are not UTF-8: that socket is closed, a new one is served', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 64 }).filter((b) => !isUtf8(b)), async (bytes) => {
        const bad = await Client.open();
        const closed = new Promise<void>((resolve) => bad.socket.once('close', () => resolve()));
        bad.socket.send(Buffer.from(bytes), { binary: false });
        await closed;
        const next = await Client.open();
        try {
          goodCall(next);
          await next.waitFor(1);
          expect(next.answers[0]).toMatchObject({ id: GOOD_ID, result: { ok: true } });
        } finally {
          next.close();
        }
      }),
      { numRuns: 30 },
    );
  }, 60_000);

  // Regression: the server socket's 'error' (max payload exceeded) had no listener and ended the process.
  it('survives a frame over the size limit: that socket is closed, a new one is served', async () => {
    const big = await Client.open();
    const closed = new Promise<void>((resolve) => big.socket.once('close', () => resolve()));
    big.socket.send('x'.repeat(4 * 1024 * 1024 + 1));
    await closed;
    const next = await Client.open();
    try {
      goodCall(next);
      await next.waitFor(1);
      expect(next.answers[0]).toMatchObject({ id: GOOD_ID, result: { ok: true } });
    } finally {
      next.close();
    }
  }, 30_000);
});
