import { buildDomainMethods, type CertDeskApi } from '@shared/contract/api';
import { callNames } from '@shared/contract/call-names';
import type { CallResult } from '@shared/contract/error-codes';

type Pending = (result: CallResult<unknown>) => void;

/**
 * `window.certdesk` over the loopback WebSocket of `certdesk serve`: the same shape as the
 * Electron preload's, so no page can tell which door it talks through. Reconnects by itself.
 */
export function createLoopbackBridge(token: string, location: Location): CertDeskApi {
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/bridge?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | undefined;
  let opening: Promise<WebSocket> | undefined;

  const open = (): Promise<WebSocket> => {
    if (socket && socket.readyState === WebSocket.OPEN) return Promise.resolve(socket);
    opening ??= new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        opening = undefined;
        resolve(ws);
      };
      ws.onerror = () => {
        opening = undefined;
        reject(new Error('The CertDesk bridge is not reachable. Is `certdesk serve` still running?'));
      };
      ws.onclose = () => {
        socket = undefined;
        for (const [id, settle] of pending) {
          pending.delete(id);
          settle({ ok: false, error: { code: 'INTERNAL', message: 'The connection to CertDesk closed. Is `certdesk serve` still running?' } });
        }
      };
      ws.onmessage = (message) => {
        const data = parseFrame(message.data);
        if (!data) return;
        if (typeof data.id === 'number' && data.result) {
          pending.get(data.id)?.(data.result);
          pending.delete(data.id);
        } else if (typeof data.event === 'string') {
          for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
        }
      };
    });
    return opening;
  };

  const invoke = async (name: string, input: unknown): Promise<CallResult<unknown>> => {
    let ws: WebSocket;
    try {
      ws = await open();
    } catch (err) {
      return { ok: false, error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } };
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, call: name, input }));
    });
  };

  const api = {
    ...buildDomainMethods(callNames, invoke),
    transport: 'loopback' as const,
    on(event: string, listener: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      void open().catch(() => undefined);
      return () => {
        set.delete(listener);
      };
    },
  };
  return api as unknown as CertDeskApi;
}

interface Frame {
  id?: unknown;
  result?: CallResult<unknown>;
  event?: unknown;
  payload?: unknown;
}

/** The server only sends JSON objects; anything else is dropped rather than thrown in the page. */
function parseFrame(raw: unknown): Frame | undefined {
  try {
    const value: unknown = JSON.parse(String(raw));
    return typeof value === 'object' && value !== null ? (value as Frame) : undefined;
  } catch {
    return undefined;
  }
}
