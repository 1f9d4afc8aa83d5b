import type { CertDeskApi } from '@shared/contract/api';
import { createLoopbackBridge } from './loopback-bridge';

declare global {
  interface Window {
    certdesk?: CertDeskApi;
  }
}

/** The one way pages reach the main process: the preload's object in Electron, the loopback bridge otherwise. */
function resolveApi(): CertDeskApi {
  if (window.certdesk) return window.certdesk;
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  return createLoopbackBridge(token, window.location);
}

export const certdesk: CertDeskApi = resolveApi();
