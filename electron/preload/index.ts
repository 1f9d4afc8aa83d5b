import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildDomainMethods } from '@shared/contract/api';
import { callNames } from '@shared/contract/call-names';
import { CALL_CHANNEL, EVENT_CHANNEL } from '@shared/contract/channels';
import type { CallResult } from '@shared/contract/error-codes';
import { eventNames } from '@shared/contract/events';

/**
 * `window.certdesk`: named methods grouped by domain and `on(event, listener)` returning an
 * unsubscribe. ipcRenderer itself never reaches the page.
 */
const methods = buildDomainMethods(callNames, (name, input) => ipcRenderer.invoke(CALL_CHANNEL, name, input) as Promise<CallResult<unknown>>);

const api = {
  ...methods,
  transport: 'electron' as const,
  on(event: string, listener: (payload: unknown) => void): () => void {
    if (!(eventNames as readonly string[]).includes(event)) throw new Error(`Unknown event ${event}`);
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('certdesk', api);
