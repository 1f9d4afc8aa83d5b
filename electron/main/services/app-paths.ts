import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where CertDesk keeps its own files. Never a secret in any of them. */
export interface AppPaths {
  dataDir: string;
  logsDir: string;
  buildLogsDir: string;
  reportsDir: string;
  tmpDir: string;
}

export function appPathsFor(dataDir: string): AppPaths {
  return {
    dataDir,
    logsDir: join(dataDir, 'logs'),
    buildLogsDir: join(dataDir, 'build-logs'),
    reportsDir: join(dataDir, 'reports'),
    tmpDir: join(dataDir, 'tmp'),
  };
}

/** The data folder outside Electron: CERTDESK_HOME, else the platform's config folder (same as Electron's userData). */
export function defaultDataDir(env: Record<string, string | undefined>, platform = process.platform): string {
  if (env.CERTDESK_HOME) return env.CERTDESK_HOME;
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'CertDesk');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'CertDesk');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'CertDesk');
}
