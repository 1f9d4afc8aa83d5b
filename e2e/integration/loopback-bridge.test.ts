import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHandlerTable } from '../../electron/main/ipc/handler-table';
import { createServices, type Services } from '../../electron/main/services/create-services';
import { startLoopbackServer, type LoopbackServer } from '../../electron/serve/loopback-server';

/** `certdesk serve`'s guard against the real network stack: token, Origin and Host, each refused alone. */
describe('certdesk serve (loopback bridge)', () => {
  let server: LoopbackServer;
  let services: Services;
  let origin: string;

  beforeAll(async () => {
    const rendererDir = mkdtempSync(join(tmpdir(), 'renderer-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>CertDesk</title>');
    services = createServices({ dataDir: mkdtempSync(join(tmpdir(), 'certdesk-data-')), env: process.env });
    server = await startLoopbackServer({ table: createHandlerTable(services), rendererDir });
    origin = `http://127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    await server.close();
    services.dispose();
  });

  function connect(options: { token?: string; origin?: string; host?: string }): Promise<{ socket?: WebSocket; status?: number }> {
    const query = options.token === undefined ? '' : `?token=${encodeURIComponent(options.token)}`;
    const headers: Record<string, string> = {};
    if (options.origin) headers.Origin = options.origin;
    if (options.host) headers.Host = options.host;
    return new Promise((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${server.port}/bridge${query}`, { headers });
      socket.once('open', () => resolve({ socket }));
      socket.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
      socket.once('error', () => resolve({}));
    });
  }

  function call(socket: WebSocket, name: string, input: unknown): Promise<{ ok: boolean; data?: unknown; error?: { code: string } }> {
    const id = Math.floor(Math.random() * 1e9);
    return new Promise((resolve) => {
      const onMessage = (raw: WebSocket.RawData) => {
        const message = JSON.parse(raw.toString()) as { id?: number; result?: never };
        if (message.id === id) {
          socket.off('message', onMessage);
          resolve(message.result as never);
        }
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, call: name, input }));
    });
  }

  function httpGet(path: string, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path, headers: { Host: host } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('prints a tokenized loopback URL', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('refuses a bridge connection without the token', async () => {
    expect((await connect({ origin })).status).toBe(401);
  });

  it('refuses a bridge connection with a wrong token', async () => {
    expect((await connect({ origin, token: `${server.token}x` })).status).toBe(401);
  });

  it('refuses a foreign Origin even with the right token', async () => {
    expect((await connect({ origin: 'http://evil.example', token: server.token })).status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding) on the bridge and on pages', async () => {
    expect((await connect({ origin, token: server.token, host: `evil.example:${server.port}` })).status).toBe(403);
    expect(await httpGet(`/?token=${server.token}`, `evil.example:${server.port}`)).toBe(403);
  });

  it('serves the page only with the token, and with a CSP', async () => {
    expect(await httpGet('/', `127.0.0.1:${server.port}`)).toBe(401);
    expect(await httpGet(`/?token=nope`, `127.0.0.1:${server.port}`)).toBe(401);
    const res = await fetch(`${origin}/?token=${server.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('answers calls from the real engine through the same handler table', async () => {
    const { socket } = await connect({ origin, token: server.token });
    expect(socket).toBeDefined();
    const result = await call(socket!, 'engine.status', {});
    expect(result.ok).toBe(true);
    const data = result.data as { reachable: boolean; info?: { host: string; serverVersion: string } };
    expect(data.reachable).toBe(true);
    expect(data.info?.host).toBe(process.env.DOCKER_HOST);
    expect(data.info?.serverVersion).toMatch(/^\d+\.\d+/);
    socket!.close();
  });

  it('answers malformed frames and bad payloads with errors, and keeps serving', async () => {
    const { socket } = await connect({ origin, token: server.token });
    const replies: unknown[] = [];
    socket!.on('message', (raw) => replies.push(JSON.parse(raw.toString())));
    socket!.send('not json');
    socket!.send(JSON.stringify({ id: 'x' }));
    socket!.send(Buffer.from([0, 1, 2]), { binary: true });
    expect(await call(socket!, 'engine.status', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await call(socket!, 'no.such', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(await call(socket!, 'engine.status', {})).toMatchObject({ ok: true });
    expect(replies.filter((r) => (r as { id: unknown }).id === null)).toHaveLength(3);
    socket!.close();
  });
});
