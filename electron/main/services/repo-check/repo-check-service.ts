import { createHash } from 'node:crypto';
import ssh2, { type ClientChannel, type ConnectConfig } from 'ssh2';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { HostKeyInfo, KnownHostInfo, RepoCheckResult } from '@shared/contract/secrets';
import { FLUSH_PKT, PktLineError, PktLineParser, describeRefs, parseRefAdvertisement, summariseRefs, type Packet, type RefAdvertisement } from '@shared/git/pkt-line';
import { classifyRepoUrl, repoGuidance, uploadPackCommand, type RepoUrl } from '@shared/git/repo-url';
import { formatSha256Fingerprint } from '@shared/sshkeys/ssh-public-key';
import { SshReader } from '@shared/sshkeys/ssh-wire';
import type { DeployKeysService } from '../sshkeys/deploy-keys-service';
import { KnownHosts, hostEntryName, parseHostArgument } from './known-hosts';

export interface RepoCheckOptions {
  url: string;
  keyId?: string;
  acceptNewHostKey: boolean;
  dockerfile?: string;
  signal?: AbortSignal;
}

export interface RepoCheckServiceOptions {
  dataDir: string;
  keys: DeployKeysService;
  timeoutMs?: number;
}

type SshUrl = Extract<RepoUrl, { transport: 'ssh' }>;

const DOCKERFILE_SKIPPED =
  'Not checked: reading one file needs a pack download, and this check reads only the branch list. The build will tell.';

/**
 * "Does the build service's key work on this repository?" answered the way git would: SSH with the
 * deploy key, host key checked against CertDesk's known hosts, `git-upload-pack` started, the
 * reference advertisement read, then a flush so the server ends cleanly without sending a pack.
 */
export class RepoCheckService {
  private readonly knownHosts: KnownHosts;
  private readonly timeoutMs: number;

  constructor(private readonly options: RepoCheckServiceOptions) {
    this.knownHosts = new KnownHosts(options.dataDir);
    this.timeoutMs = options.timeoutMs ?? 20_000;
  }

  /** Every pinned host key; the ssh:// engine pins its build hosts in the same file. */
  listKnownHosts(): Promise<KnownHostInfo[]> {
    return this.knownHosts.list();
  }

  /** Answers the forgotten entry, or undefined when the host was not known. */
  async forgetHost(host: string, port: number): Promise<KnownHostInfo | undefined> {
    const parsed = parseHostArgument(port === 22 ? host : `[${host.replace(/^\[|\]$/g, '')}]:${port}`);
    if (!parsed) {
      throw new AppError(ErrorCode.InvalidInput, `Not a host name: ${JSON.stringify(host.slice(0, 60))}.`, {
        hint: 'Give it as known hosts list it: host, host:port or [host]:port.',
      });
    }
    return this.knownHosts.forget(parsed.host, parsed.port);
  }

  async check(options: RepoCheckOptions): Promise<RepoCheckResult> {
    const url = classifyRepoUrl(options.url);
    if (url.transport === 'invalid') {
      throw new AppError(ErrorCode.InvalidInput, url.reason, { hint: 'Copy the clone URL from the repository page.' });
    }
    const dockerfile = options.dockerfile ? { path: options.dockerfile, checked: false as const, reason: DOCKERFILE_SKIPPED } : undefined;
    if (url.transport === 'https') {
      return {
        url: url.url,
        transport: 'https',
        guidance: repoGuidance(url),
        host: url.host,
        path: url.path,
        summary: 'Public HTTPS URL: the build service needs no key. Not contacted (the check logs in over SSH only).',
        ...(dockerfile ? { dockerfile } : {}),
      };
    }
    if (!options.keyId) {
      throw new AppError(ErrorCode.InvalidInput, 'An SSH repository is private: choose the deploy key to check it with.', {
        hint: 'Generate or import a deploy key for the project, add its public line to the repository, then check again.',
      });
    }
    const pem = await this.options.keys.privateKeyPem(options.keyId);
    const { advertisement, hostKey } = await this.readRefs(url, pem, options);
    if (advertisement.error) throw refusedByServer(url, advertisement.error);
    const refs = summariseRefs(advertisement);
    return {
      url: url.url,
      transport: 'ssh',
      guidance: repoGuidance(url),
      host: url.host,
      port: url.port,
      path: url.path,
      hostKey,
      branches: refs.branches.length,
      branchNames: refs.branches.slice(0, 200),
      ...(refs.defaultBranch ? { defaultBranch: refs.defaultBranch } : {}),
      summary: `key works, ${describeRefs(refs)}`,
      ...(dockerfile ? { dockerfile } : {}),
    };
  }

  private async readRefs(url: SshUrl, privateKey: string, options: RepoCheckOptions): Promise<{ advertisement: RefAdvertisement; hostKey: HostKeyInfo }> {
    const known = await this.knownHosts.lookup(url.host, url.port);
    let seen: { algorithm: string; fingerprint: string } | undefined;
    let verdict: 'known' | 'added' | 'changed' | 'unknown' | undefined;

    const client = new ssh2.Client();
    const config: ConnectConfig = {
      host: url.host,
      port: url.port,
      username: url.user,
      privateKey,
      // Only the deploy key: no agent, no keyboard-interactive prompt, so "refused" means this key.
      tryKeyboard: false,
      readyTimeout: this.timeoutMs,
      hostVerifier: (key: Buffer) => {
        const blob = new Uint8Array(key);
        seen = { algorithm: safeKeyType(blob), fingerprint: formatSha256Fingerprint(new Uint8Array(createHash('sha256').update(blob).digest())) };
        if (known) {
          verdict = known.fingerprint === seen.fingerprint ? 'known' : 'changed';
        } else {
          verdict = options.acceptNewHostKey ? 'added' : 'unknown';
        }
        return verdict === 'known' || verdict === 'added';
      },
    };

    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (err: unknown, value?: { advertisement: RefAdvertisement; hostKey: HostKeyInfo }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        client.end();
        if (err) reject(err);
        else resolve(value as { advertisement: RefAdvertisement; hostKey: HostKeyInfo });
      };
      const timer = setTimeout(
        () => finish(new AppError(ErrorCode.RepoUnreachable, `${hostEntryName(url.host, url.port)} did not answer within ${Math.round(this.timeoutMs / 1000)} s.`, { hint: UNREACHABLE_HINT })),
        this.timeoutMs + 5_000,
      );
      const onAbort = () => finish(new AppError(ErrorCode.Cancelled, 'Cancelled.'));
      options.signal?.addEventListener('abort', onAbort, { once: true });

      client.on('error', (err: Error & { level?: string; code?: string }) => {
        if (verdict === 'changed' && seen && known) return finish(hostKeyChanged(url, known.fingerprint, seen.fingerprint));
        if (verdict === 'unknown' && seen) return finish(hostKeyUnknown(url, seen));
        if (err.level === 'client-authentication') return finish(keyRefused(url));
        finish(unreachable(url, err));
      });
      client.on('ready', () => {
        void (async () => {
          try {
            if (verdict === 'added' && seen) {
              await this.knownHosts.remember(url.host, url.port, { ...seen, addedAt: new Date().toISOString() });
            }
            const hostKey: HostKeyInfo = { algorithm: seen?.algorithm ?? 'unknown', fingerprint: seen?.fingerprint ?? '', status: verdict === 'added' ? 'added' : 'known' };
            const advertisement = await readAdvertisement(client, url);
            finish(undefined, { advertisement, hostKey });
          } catch (err) {
            finish(err);
          }
        })();
      });
      client.connect(config);
    });
  }

  dispose(): void {}
}

function readAdvertisement(client: ssh2.Client, url: SshUrl): Promise<RefAdvertisement> {
  return new Promise((resolve, reject) => {
    client.exec(uploadPackCommand(url.path), (err, channel: ClientChannel) => {
      if (err) return reject(unreachable(url, err));
      const parser = new PktLineParser();
      const packets: Packet[] = [];
      let stderr = '';
      let done = false;
      const conclude = (error: unknown, ad?: RefAdvertisement) => {
        if (done) return;
        done = true;
        if (error) reject(error);
        else resolve(ad as RefAdvertisement);
      };
      channel.stderr.on('data', (chunk: Buffer) => {
        if (stderr.length < 4096) stderr += chunk.toString('utf8');
      });
      channel.on('data', (chunk: Buffer) => {
        if (done) return;
        try {
          for (const packet of parser.push(new Uint8Array(chunk))) {
            packets.push(packet);
            if (packet.type === 'flush' || (packet.type === 'data' && packets.length === 1 && startsWithErr(packet.payload))) {
              const ad = parseRefAdvertisement(packets);
              // The flush tells upload-pack "I want nothing": it exits without sending a pack.
              channel.end(FLUSH_PKT);
              conclude(undefined, ad);
              return;
            }
          }
        } catch (parseErr) {
          channel.close();
          conclude(parseErr instanceof PktLineError ? notGit(url) : parseErr);
        }
      });
      channel.on('close', (code: number | null) => {
        if (done) return;
        conclude(refusedByServer(url, stderr.trim() || `git-upload-pack ended with status ${code ?? 'unknown'} before listing refs`));
      });
    });
  });
}

function startsWithErr(payload: Uint8Array): boolean {
  return payload.length >= 4 && String.fromCharCode(...payload.subarray(0, 4)) === 'ERR ';
}

function safeKeyType(blob: Uint8Array): string {
  try {
    return new SshReader(blob).text();
  } catch {
    return 'unknown';
  }
}

const UNREACHABLE_HINT = 'Check the host name and port, that you are online (VPN?), and that the git host allows SSH from here.';

function unreachable(url: SshUrl, err: Error & { code?: string }): AppError {
  const where = hostEntryName(url.host, url.port);
  const why =
    err.code === 'ECONNREFUSED' ? 'refused the connection (nothing listens on that port)'
    : err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN' ? 'is not a known host name'
    : err.code === 'ETIMEDOUT' || /timed out/i.test(err.message) ? 'did not answer in time'
    : `could not be reached: ${err.message}`;
  return new AppError(ErrorCode.RepoUnreachable, `${where} ${why}.`, { hint: UNREACHABLE_HINT, details: { host: url.host, port: url.port } });
}

function keyRefused(url: SshUrl): AppError {
  return new AppError(ErrorCode.RepoKeyRefused, `${hostEntryName(url.host, url.port)} refused the deploy key for user ${url.user}.`, {
    hint: "Add the key's public line to the repository's deploy keys (read access is enough), and check the user in the URL (usually git).",
    details: { reason: 'key-refused' },
  });
}

function hostKeyChanged(url: SshUrl, expected: string, actual: string): AppError {
  return new AppError(
    ErrorCode.RepoHostKeyChanged,
    `WARNING: the host key of ${hostEntryName(url.host, url.port)} has CHANGED. Expected ${expected}, the server offered ${actual}. Not connecting: someone may be intercepting the connection.`,
    {
      hint:
        "Ask the git host's administrators whether the key was changed on purpose. Only then forget the old key: " +
        `\`certdesk known-hosts forget ${hostEntryName(url.host, url.port)}\`, or Forget under Known hosts on the Keys page, ` +
        'and check again accepting the new key.',
      details: { expected, actual },
    },
  );
}

function hostKeyUnknown(url: SshUrl, seen: { algorithm: string; fingerprint: string }): AppError {
  return new AppError(ErrorCode.RepoHostKeyUnknown, `${hostEntryName(url.host, url.port)} is not a known host. Its ${seen.algorithm} key fingerprint is ${seen.fingerprint}.`, {
    hint: "Compare the fingerprint with the one the git host publishes, then accept it (--accept-new-host-key, or tick \"Accept a new host key\").",
    details: { fingerprint: seen.fingerprint, algorithm: seen.algorithm },
  });
}

function notGit(url: SshUrl): AppError {
  return new AppError(ErrorCode.RepoNotFound, `${hostEntryName(url.host, url.port)} did not answer like a git server for ${url.path}.`, {
    hint: 'Check the URL: it should be the repository\'s SSH clone URL.',
  });
}

/** Maps what git hosts print (git itself, GitHub, GitLab, Gitea) to not-found and no-access. */
function refusedByServer(url: SshUrl, message: string): AppError {
  const text = message.replace(/\s+/g, ' ').slice(0, 300);
  if (/permission to .* denied|access denied|not allowed|you don't have permission|forbidden|denied to deploy key/i.test(text) && !/not found|does not exist|does not appear/i.test(text)) {
    return new AppError(ErrorCode.RepoKeyRefused, `The key logged in but has no read access to ${url.path}: ${text}`, {
      hint: 'Add the deploy key to this repository (not to another one or to a user account) with read access.',
      details: { reason: 'no-read-access' },
    });
  }
  return new AppError(ErrorCode.RepoNotFound, `Repository ${url.path} was not found on ${hostEntryName(url.host, url.port)}: ${text}`, {
    hint: 'Check the path in the URL (copy the SSH clone URL from the repository page). Some hosts say "not found" when the key lacks access.',
    details: { reason: 'not-found' },
  });
}
