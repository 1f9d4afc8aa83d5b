import { describe, expect, it, vi } from 'vitest';
import { calls } from '@shared/contract/calls';
import { CALL_CHANNEL, EVENT_CHANNEL } from '@shared/contract/channels';

/** What the preload hands the page: named methods and on(), never ipcRenderer (Electron checklist item 20). */
const seen = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  listeners: new Map<string, Set<(...args: unknown[]) => void>>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => seen.exposed.set(key, value) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => {
      seen.invoked.push(args);
      return Promise.resolve({ ok: true, data: null });
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      const set = seen.listeners.get(channel) ?? new Set();
      set.add(listener);
      seen.listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => seen.listeners.get(channel)?.delete(listener),
  },
}));

await import('./index');

describe('preload', () => {
  const api = seen.exposed.get('certdesk') as Record<string, unknown>;

  it('exposes exactly one object, window.certdesk', () => {
    expect([...seen.exposed.keys()]).toEqual(['certdesk']);
  });

  it('has one method per contract call, grouped by domain, plus on() and the transport name', () => {
    const domains = new Set(Object.keys(calls).map((name) => name.split('.')[0]));
    expect(new Set(Object.keys(api))).toEqual(new Set([...domains, 'on', 'transport']));
    for (const name of Object.keys(calls)) {
      const [domain, method] = name.split('.') as [string, string];
      expect(typeof (api[domain] as Record<string, unknown>)[method], name).toBe('function');
    }
    expect(api.transport).toBe('electron');
  });

  it('carries nothing of ipcRenderer or Node', () => {
    const text = JSON.stringify(Object.keys(api));
    expect(text).not.toMatch(/ipcRenderer|send|invoke|require|process/);
  });

  it('sends a call over the one call channel with its name and input', async () => {
    await (api.engine as Record<string, (input: unknown) => Promise<unknown>>).status!({});
    expect(seen.invoked.at(-1)).toEqual([CALL_CHANNEL, 'engine.status', {}]);
  });

  it('subscribes to one event by name and unsubscribes', () => {
    const on = api.on as (event: string, listener: (payload: unknown) => void) => () => void;
    const got: unknown[] = [];
    const off = on('operation', (p) => got.push(p));
    for (const l of seen.listeners.get(EVENT_CHANNEL) ?? []) {
      l({}, 'operation', { n: 1 });
      l({}, 'other', { n: 2 });
    }
    expect(got).toEqual([{ n: 1 }]);
    off();
    expect(seen.listeners.get(EVENT_CHANNEL)?.size).toBe(0);
    expect(() => on('not-an-event', () => undefined)).toThrow();
  });
});
