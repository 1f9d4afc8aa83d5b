import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

interface StubReport {
  windows: Array<{ webPreferences: Record<string, unknown>; show: boolean }>;
  loadedUrls: string[];
  ipcHandlers: string[];
  schemes: string[];
  protocolHandlers: string[];
  permissionHandlerSet: boolean;
  headersHookSet: boolean;
  calls: Record<string, { ok: boolean; data?: unknown; error?: { code: string } }>;
}

/**
 * The Electron binary can't be downloaded here, so the real bundled entry (dist/electron/main.js)
 * runs in plain Node with `electron` resolved to a recording stand-in: it must wire the security
 * restrictions, the app:// protocol, electron-store settings and the IPC door, and answer calls.
 */
describe('Electron main bundle (smoke run on a stand-in electron module)', () => {
  let report: StubReport;
  const userData = mkdtempSync(join(tmpdir(), 'certdesk-electron-'));

  beforeAll(async () => {
    if (!existsSync('dist/electron/main.js')) await run(process.execPath, ['scripts/build.mjs', 'main']);
    const { stdout } = await run(process.execPath, ['--import', './e2e/fixtures/electron-stub/register.mjs', 'dist/electron/main.js'], {
      env: { ...process.env, STUB_USER_DATA: userData },
      timeout: 60_000,
    });
    const line = stdout.split('\n').find((l) => l.startsWith('STUB-REPORT '));
    expect(line, stdout).toBeDefined();
    report = JSON.parse(line!.slice('STUB-REPORT '.length)) as StubReport;
  }, 90_000);

  it('opens one strict window on app://certdesk/ with the sandboxed preload', () => {
    expect(report.windows).toHaveLength(1);
    expect(report.windows[0]?.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String(report.windows[0]?.webPreferences.preload)).toMatch(/dist\/electron\/preload\.cjs$/);
    expect(report.loadedUrls).toEqual(['app://certdesk/index.html']);
    expect(report.schemes).toEqual(['app']);
    expect(report.protocolHandlers).toEqual(['app']);
    expect(report.permissionHandlerSet && report.headersHookSet).toBe(true);
  });

  it('answers calls through the one IPC channel, from the real engine', () => {
    expect(report.ipcHandlers).toEqual(['certdesk:call']);
    const status = report.calls.engineStatus as { ok: boolean; data: { reachable: boolean; info?: { host: string } } };
    expect(status.ok).toBe(true);
    expect(status.data.reachable).toBe(true);
    expect(status.data.info?.host).toBe(process.env.DOCKER_HOST);
  });

  it('keeps settings through electron-store in userData, private to the user', () => {
    expect(report.calls.profile?.ok).toBe(true);
    const config = join(userData, 'config.json');
    expect(existsSync(config)).toBe(true);
    expect(statSync(config).mode & 0o077).toBe(0);
    expect(() => JSON.parse(readFileSync(config, 'utf8')) as unknown).not.toThrow();
  });

  it('refuses bad input and foreign frames with codes', () => {
    expect(report.calls.badInput).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(report.calls.foreignFrame).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });
});
