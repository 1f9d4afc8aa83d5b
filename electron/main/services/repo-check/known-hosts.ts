import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import { writeFileAtomic } from '../secrets/atomic-file';

export interface KnownHost {
  algorithm: string;
  fingerprint: string;
  addedAt: string;
}

interface KnownHostsFile {
  version: 1;
  hosts: Record<string, KnownHost>;
}

export const KNOWN_HOSTS_FILE = 'known-hosts.json';

/** OpenSSH's own spelling of a host entry: `host` on port 22, `[host]:port` otherwise. */
export function hostEntryName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/**
 * Host keys CertDesk has seen, trust on first use (like `StrictHostKeyChecking accept-new`).
 * Kept in the data folder apart from ~/.ssh/known_hosts, so the app never edits the user's SSH setup.
 */
export class KnownHosts {
  private readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.path = join(dataDir, KNOWN_HOSTS_FILE);
  }

  async lookup(host: string, port: number): Promise<KnownHost | undefined> {
    return (await this.load()).hosts[hostEntryName(host, port)];
  }

  remember(host: string, port: number, entry: KnownHost): Promise<void> {
    const next = this.queue.then(async () => {
      const file = await this.load();
      file.hosts[hostEntryName(host, port)] = entry;
      await writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`, 0o600);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async load(): Promise<KnownHostsFile> {
    try {
      const parsed = JSON.parse(await readFile(this.path, 'utf8')) as Partial<KnownHostsFile>;
      if (parsed.version === 1 && parsed.hosts && typeof parsed.hosts === 'object') return { version: 1, hosts: parsed.hosts };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, hosts: {} };
      // A damaged file must not turn every host into a "first use" that is trusted silently.
      throw new AppError(ErrorCode.SettingsCorrupt, `The known hosts file ${this.path} is damaged.`, {
        hint: 'Fix or delete it; after deleting, every host key is asked for again on first use.',
        cause: err,
      });
    }
    throw new AppError(ErrorCode.SettingsCorrupt, `The known hosts file ${this.path} has an unknown format.`, {
      hint: 'Fix or delete it; after deleting, every host key is asked for again on first use.',
    });
  }
}
