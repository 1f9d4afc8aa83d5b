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

/** A known-hosts entry as the list shows it: the entry name (`host` or `[host]:port`) and its key. */
export interface KnownHostEntry extends KnownHost {
  entry: string;
  host: string;
  port: number;
}

/**
 * What a person types to name a host: `host`, `host:port`, `[host]:port` (OpenSSH's spelling, also
 * for IPv6), or `[v6addr]`. Answers the entry name, or undefined when it is not a host.
 */
export function parseHostArgument(text: string): { host: string; port: number; entry: string } | undefined {
  const trimmed = text.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(trimmed);
  const withPort = /^([^:[\]]+):(\d{1,5})$/.exec(trimmed);
  // Otherwise a bare name, or a bare IPv6 address (two colons or more) on port 22.
  const [host, port] = bracketed
    ? [bracketed[1] as string, Number(bracketed[2] ?? 22)]
    : withPort
      ? [withPort[1] as string, Number(withPort[2])]
      : [trimmed, trimmed.split(':').length === 2 ? Number.NaN : 22];
  if (!/^[A-Za-z0-9._:-]{1,253}$/.test(host) || host.startsWith('-')) return undefined;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) return undefined;
  return { host, port, entry: hostEntryName(host, port) };
}

/** The inverse of hostEntryName. */
function splitEntryName(entry: string): { host: string; port: number } {
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(entry);
  return bracketed ? { host: bracketed[1] as string, port: Number(bracketed[2]) } : { host: entry, port: 22 };
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
    return this.update((file) => {
      file.hosts[hostEntryName(host, port)] = entry;
      return true;
    });
  }

  /** Every pinned host key (git hosts and ssh:// engines share this file), sorted by entry name. */
  async list(): Promise<KnownHostEntry[]> {
    const { hosts } = await this.load();
    return Object.entries(hosts)
      .map(([entry, key]) => ({ entry, ...splitEntryName(entry), algorithm: key.algorithm, fingerprint: key.fingerprint, addedAt: key.addedAt }))
      .sort((a, b) => a.entry.localeCompare(b.entry));
  }

  /**
   * Drops a host's pinned key, so that the next connection treats it as first use (and asks before
   * trusting it). The one way past a changed host key, after the person confirmed the change is real.
   */
  async forget(host: string, port: number): Promise<KnownHostEntry | undefined> {
    const entry = hostEntryName(host, port);
    let forgotten: KnownHost | undefined;
    await this.update((file) => {
      forgotten = file.hosts[entry];
      if (!forgotten) return false;
      delete file.hosts[entry];
      return true;
    });
    return forgotten ? { entry, host, port, ...forgotten } : undefined;
  }

  /** Read-modify-write, one at a time; `change` answers whether there is anything to write. */
  private update(change: (file: KnownHostsFile) => boolean): Promise<void> {
    const next = this.queue.then(async () => {
      const file = await this.load();
      if (change(file)) await writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`, 0o600);
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
