import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventMap, EventName } from '@shared/contract/events';
import type { HandlerTable } from '../main/ipc/register';
import { registerHandlers, type Door } from '../main/ipc/register';
import { contentSecurityPolicy, hostAllowed, originAllowed, tokenMatches, type LoopbackGuard } from './loopback-guard';
import { resolveStatic, sendFile } from './static-files';

export interface LoopbackServerOptions {
  table: HandlerTable;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  port?: number;
  /** Fixed token, for tests; normally random per run. */
  token?: string;
  onInternalError?: (err: unknown) => void;
}

export interface LoopbackServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Big enough for a pasted Dockerfile or key; a larger frame is refused by the socket. */
const MAX_FRAME_BYTES = 4 * 1024 * 1024;

interface BridgeRequest {
  id: number;
  call: unknown;
  input: unknown;
}

/**
 * `certdesk serve`: the built renderer and a WebSocket bridge to the same handler table,
 * on 127.0.0.1 only, for machines without a desktop (or without an Electron binary).
 */
export async function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const guard: LoopbackGuard = { port: 0, token };
  const server: Server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  const door: Door<WebSocket> = {
    name: 'loopback',
    // Each socket was checked at upgrade time; only those reach `answer`.
    isTrusted: () => true,
    sinkFor: (socket) => (event, payload) => sendEvent(socket, event, payload),
    listen: () => () => undefined,
  };
  const { answer } = registerHandlers(door, options.table, options.onInternalError);

  server.on('request', (req, res) => {
    const headers = securityHeaders(guard);
    if (!hostAllowed(guard, req.headers.host)) {
      res.writeHead(403, { 'Content-Type': 'text/plain', ...headers }).end('Forbidden host.');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET', ...headers }).end();
      return;
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname === '/' || url.pathname === '/index.html') {
      if (!tokenMatches(guard, url.searchParams.get('token'))) {
        res.writeHead(401, { 'Content-Type': 'text/plain', ...headers }).end('Open the address `certdesk serve` printed; it carries this run\'s token.');
        return;
      }
      const index = join(options.rendererDir, 'index.html');
      if (!existsSync(index)) {
        res.writeHead(503, { 'Content-Type': 'text/plain', ...headers }).end('The renderer is not built: run `npm run build`.');
        return;
      }
      sendFile(res, index, { ...headers, 'Cache-Control': 'no-store' });
      return;
    }
    const file = resolveStatic(options.rendererDir, url.pathname);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain', ...headers }).end('Not found.');
      return;
    }
    sendFile(res, file, headers);
  });

  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!hostAllowed(guard, req.headers.host)) return refuse(403, 'Forbidden');
    if (!originAllowed(guard, req.headers.origin)) return refuse(403, 'Forbidden');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/bridge') return refuse(404, 'Not Found');
    if (!tokenMatches(guard, url.searchParams.get('token'))) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    // An oversized frame or invalid UTF-8 in a text frame: ws closes that socket (1009/1007) and emits
    // 'error', which without a listener would throw and end the whole server.
    ws.on('error', () => undefined);
    ws.on('message', (raw, isBinary) => {
      const request = isBinary ? undefined : parseRequest(raw.toString());
      if (!request) {
        safeSend(ws, { id: null, result: { ok: false, error: { code: 'INVALID_INPUT', message: 'Bridge frames are JSON {id, call, input}.' } } });
        return;
      }
      void answer(ws, request.call, request.input).then((result) => safeSend(ws, { id: request.id, result }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  guard.port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${guard.port}/?token=${token}`,
    port: guard.port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function securityHeaders(guard: LoopbackGuard): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(guard),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

function parseRequest(text: string): BridgeRequest | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { id, call, input } = value as Record<string, unknown>;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return undefined;
    return { id, call, input };
  } catch {
    return undefined;
  }
}

function sendEvent<E extends EventName>(socket: WebSocket, event: E, payload: EventMap[E]): void {
  safeSend(socket, { event, payload });
}

function safeSend(socket: WebSocket, message: unknown): void {
  if (socket.readyState !== socket.OPEN) return;
  socket.send(JSON.stringify(message));
}
