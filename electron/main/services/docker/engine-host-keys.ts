import { createHash } from 'node:crypto';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import { formatSha256Fingerprint } from '@shared/sshkeys/ssh-public-key';
import { SshReader } from '@shared/sshkeys/ssh-wire';
import { KnownHosts, hostEntryName, type KnownHost } from '../repo-check/known-hosts';

export interface SeenHostKey {
  algorithm: string;
  fingerprint: string;
}

export type HostKeyVerdict = 'known' | 'added' | 'changed' | 'unknown';

/**
 * One connection's host-key check against CertDesk's known hosts (the store the git-host check uses).
 * ssh2 calls `verify` synchronously during each handshake; dockerode opens one SSH connection per
 * request, so the same check answers every request of one engine client.
 */
export class HostKeyCheck {
  seen: SeenHostKey | undefined;
  verdict: HostKeyVerdict | undefined;

  constructor(
    readonly host: string,
    readonly port: number,
    private readonly known: KnownHost | undefined,
    private readonly acceptNew: boolean,
  ) {}

  get entryName(): string {
    return hostEntryName(this.host, this.port);
  }

  verify = (key: Buffer): boolean => {
    const blob = new Uint8Array(key);
    this.seen = { algorithm: keyType(blob), fingerprint: formatSha256Fingerprint(new Uint8Array(createHash('sha256').update(blob).digest())) };
    if (this.known) this.verdict = this.known.fingerprint === this.seen.fingerprint ? 'known' : 'changed';
    else this.verdict = this.acceptNew ? 'added' : 'unknown';
    return this.verdict === 'known' || this.verdict === 'added';
  };

  /** The refusal as an AppError, when the host key (not the network or the login) is why the connection failed. */
  refusal(): AppError | undefined {
    if (this.verdict === 'changed' && this.known && this.seen) return hostKeyChanged(this.entryName, this.known.fingerprint, this.seen.fingerprint);
    if (this.verdict === 'unknown' && this.seen) return hostKeyUnknown(this.entryName, this.seen);
    return undefined;
  }
}

/** Creates checks and records keys the user accepted. */
export class EngineHostKeys {
  private readonly knownHosts: KnownHosts;

  constructor(dataDir: string) {
    this.knownHosts = new KnownHosts(dataDir);
  }

  async check(host: string, port: number, acceptNew = false): Promise<HostKeyCheck> {
    return new HostKeyCheck(host, port, await this.knownHosts.lookup(host, port), acceptNew);
  }

  /** Stores a key accepted on first use (after the connection that showed it succeeded). */
  async rememberAccepted(check: HostKeyCheck): Promise<void> {
    if (check.verdict !== 'added' || !check.seen) return;
    await this.knownHosts.remember(check.host, check.port, { ...check.seen, addedAt: new Date().toISOString() });
  }
}

function keyType(blob: Uint8Array): string {
  try {
    return new SshReader(blob).text();
  } catch {
    return 'unknown';
  }
}

export function hostKeyChanged(entry: string, expected: string, actual: string): AppError {
  return new AppError(
    ErrorCode.RepoHostKeyChanged,
    `WARNING: the SSH host key of the engine host ${entry} has CHANGED. Expected ${expected}, the server offered ${actual}. Not connecting: someone may be intercepting the connection.`,
    {
      hint: `Ask the build host's administrators whether its key was changed on purpose (reinstalled host?). Only then forget it ("certdesk known-hosts forget ${entry}", or Forget under Known hosts on the Keys page) and set the engine again, accepting the new key.`,
      details: { host: entry, expected, actual, reason: 'host-key-changed' },
    },
  );
}

export function hostKeyUnknown(entry: string, seen: SeenHostKey): AppError {
  return new AppError(ErrorCode.RepoHostKeyUnknown, `The engine host ${entry} is not a known host. Its ${seen.algorithm} key fingerprint is ${seen.fingerprint}.`, {
    hint: 'Compare the fingerprint with the one the build host shows (`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` there), then set the engine again accepting it (--accept-new-host-key, or tick "Trust this host key").',
    details: { host: entry, fingerprint: seen.fingerprint, algorithm: seen.algorithm, reason: 'host-key-unknown' },
  });
}
