import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * Electron's security checklist, item by item, against the shell's real code. The Electron binary
 * can't run on our machines, so `electron` is replaced by a recorder of what the shell asks of it.
 */
const recorded = vi.hoisted(() => ({
  windowOptions: undefined as undefined | Record<string, unknown>,
  loadedUrl: '',
  contentsHandlers: new Map<string, (...args: unknown[]) => void>(),
  windowOpenHandler: undefined as undefined | ((details: { url: string }) => { action: string }),
  openExternal: [] as string[],
  permissionRequest: undefined as undefined | ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void),
  permissionCheck: undefined as undefined | (() => boolean),
  headersHook: undefined as undefined | ((details: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void),
  schemes: [] as unknown[],
  ipcHandlers: new Map<string, (...args: unknown[]) => unknown>(),
}));

vi.mock('electron', () => {
  const webContents = {
    id: 7,
    on: (name: string, handler: (...args: unknown[]) => void) => recorded.contentsHandlers.set(name, handler),
    setWindowOpenHandler: (handler: typeof recorded.windowOpenHandler) => {
      recorded.windowOpenHandler = handler;
    },
  };
  class BrowserWindow {
    webContents = webContents;
    constructor(options: Record<string, unknown>) {
      recorded.windowOptions = options;
    }
    once() {}
    loadURL(url: string) {
      recorded.loadedUrl = url;
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    shell: { openExternal: (url: string) => recorded.openExternal.push(url) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: typeof recorded.permissionRequest) => {
          recorded.permissionRequest = h;
        },
        setPermissionCheckHandler: (h: typeof recorded.permissionCheck) => {
          recorded.permissionCheck = h;
        },
        webRequest: {
          onHeadersReceived: (h: typeof recorded.headersHook) => {
            recorded.headersHook = h;
          },
        },
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.schemes.push(...schemes),
      handle: () => undefined,
    },
    net: { fetch: () => undefined },
    ipcMain: {
      handle: (channel: string, h: (...args: unknown[]) => unknown) => recorded.ipcHandlers.set(channel, h),
      removeHandler: (channel: string) => recorded.ipcHandlers.delete(channel),
    },
  };
});

const { createMainWindow } = await import('./main-window');
const { applySecurityRestrictions, APP_CSP } = await import('./security-restrictions');
const { electronIpcDoor } = await import('./electron-ipc-door');
const { registerAppScheme, APP_ORIGIN } = await import('./app-protocol');

describe('Electron security checklist', () => {
  beforeEach(() => {
    recorded.contentsHandlers.clear();
    recorded.openExternal.length = 0;
  });

  it('window: context isolation, sandbox, no Node integration, web security, no webview, no insecure content', () => {
    createMainWindow('/app/dist/electron');
    const prefs = (recorded.windowOptions?.webPreferences ?? {}) as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
  });

  it('content is loaded from the app:// custom protocol, not file://', () => {
    registerAppScheme();
    createMainWindow('/app/dist/electron');
    expect(recorded.loadedUrl).toBe(`${APP_ORIGIN}/index.html`);
    expect(recorded.schemes).toContainEqual(expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }));
  });

  it('navigation away from the app is prevented; in-app navigation is not', () => {
    createMainWindow('/app/dist/electron');
    const navigate = recorded.contentsHandlers.get('will-navigate');
    const away = { preventDefault: vi.fn() };
    navigate?.(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    navigate?.(inside, `${APP_ORIGIN}/index.html#/scan`);
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    recorded.contentsHandlers.get('will-redirect')?.(redirect, 'file:///etc/passwd');
    expect(redirect.preventDefault).toHaveBeenCalled();
  });

  it('webviews cannot be attached', () => {
    createMainWindow('/app/dist/electron');
    const event = { preventDefault: vi.fn() };
    recorded.contentsHandlers.get('will-attach-webview')?.(event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('new windows are always denied; only allow-listed https Red Hat links open in the browser', () => {
    createMainWindow('/app/dist/electron');
    for (const url of ['https://access.redhat.com/articles/1', 'https://evil.example/', 'file:///bin/sh', 'smb://host/share']) {
      expect(recorded.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(recorded.openExternal).toEqual(['https://access.redhat.com/articles/1']);
  });

  it('permission requests and checks are refused', () => {
    applySecurityRestrictions();
    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      recorded.permissionRequest?.({}, permission, (g) => granted.push(g));
    }
    expect(granted).toEqual([false, false, false, false, false]);
    expect(recorded.permissionCheck?.()).toBe(false);
  });

  it('every response carries the strict CSP', () => {
    applySecurityRestrictions();
    let headers: Record<string, string[]> = {};
    recorded.headersHook?.({ responseHeaders: { 'X-Test': ['1'] } }, (r) => {
      headers = (r as { responseHeaders: Record<string, string[]> }).responseHeaders;
    });
    expect(headers['Content-Security-Policy']).toEqual([APP_CSP]);
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).not.toMatch(/script-src[^;]*(unsafe|\*)/);
    expect(APP_CSP).toContain("object-src 'none'");
  });

  describe('IPC sender validation', () => {
    const mainFrame = { url: `${APP_ORIGIN}/index.html` };
    const win = { webContents: { id: 7 } };
    const door = electronIpcDoor(() => win as never);
    const event = (over: Record<string, unknown> = {}) =>
      ({
        sender: { id: 7, getType: () => 'window', mainFrame, ...(over.sender as object) },
        senderFrame: mainFrame,
        ...over,
      }) as never;

    it("accepts the app window's main frame at the app origin", () => {
      expect(door.isTrusted(event())).toBe(true);
    });

    it('refuses subframes, other web contents, webviews, foreign origins and destroyed frames', () => {
      expect(door.isTrusted(event({ senderFrame: { url: `${APP_ORIGIN}/index.html` } }))).toBe(false);
      expect(door.isTrusted(event({ sender: { id: 8, getType: () => 'window', mainFrame } }))).toBe(false);
      expect(door.isTrusted(event({ sender: { id: 7, getType: () => 'webview', mainFrame } }))).toBe(false);
      const foreign = { url: 'https://evil.example/' };
      expect(door.isTrusted(event({ sender: { id: 7, getType: () => 'window', mainFrame: foreign }, senderFrame: foreign }))).toBe(false);
      expect(door.isTrusted(event({ senderFrame: null }))).toBe(false);
    });
  });
});
