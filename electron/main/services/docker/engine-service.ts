import { homedir } from 'node:os';
import type Dockerode from 'dockerode';
import { AppError } from '@shared/contract/app-error';
import type { EngineAttempt, EngineImage, EngineInfo, EngineStatus } from '@shared/contract/engine';
import { ErrorCode } from '@shared/contract/error-codes';
import { engineCandidates, normalizeHost, parseEngineHost, type EngineCandidate } from '@shared/engine/engine-candidates';
import { connectEngine } from './engine-connection';
import { EngineHostKeys, type HostKeyCheck } from './engine-host-keys';

export interface EngineServiceOptions {
  env: Record<string, string | undefined>;
  /** The engine the user chose in the app, if any; the only one tried while it is set. */
  configuredHost?: () => string | undefined;
  /** Private key for an ssh:// engine, looked up when connecting. */
  sshKeyFor?: (host: string) => Promise<string | undefined>;
  /** The data folder whose known-hosts.json pins ssh:// engine host keys; without it ssh:// engines are refused. */
  knownHostsDir?: string;
  pingTimeoutMs?: number;
  /** An ssh:// engine does a handshake and starts `docker system dial-stdio` for every request: more time. */
  sshTimeoutMs?: number;
}

interface Connected {
  candidate: EngineCandidate;
  docker: Dockerode;
  hostKey?: HostKeyCheck;
}

const START_HINT =
  'Start an engine and CertDesk connects by itself: `sudo systemctl start docker` (Docker), ' +
  '`systemctl --user start podman.socket` (Podman), or set DOCKER_HOST to the engine you use (unix://, tcp://, ssh://).';

const CLEAR_HINT = 'Or clear the chosen engine (Engine page, or `certdesk engine --clear`) to go back to DOCKER_HOST and the local sockets.';

/** Finds the container engine, keeps the connection, and tells exactly what was tried when none answers. */
export class EngineService {
  private connected: Connected | undefined;
  private readonly hostKeys: EngineHostKeys | undefined;

  constructor(private readonly options: EngineServiceOptions) {
    this.hostKeys = options.knownHostsDir ? new EngineHostKeys(options.knownHostsDir) : undefined;
  }

  candidates(): EngineCandidate[] {
    const configuredHost = this.options.configuredHost?.();
    return engineCandidates({
      env: this.options.env,
      home: homedir(),
      platform: process.platform,
      ...(process.getuid ? { uid: process.getuid() } : {}),
      ...(configuredHost ? { configuredHost } : {}),
    });
  }

  /** The client for the current engine; throws ENGINE_UNREACHABLE naming every socket tried (or the host-key refusal). */
  async docker(): Promise<Dockerode> {
    const status = await this.status();
    if (!status.reachable || !this.connected) {
      const attempts = status.reachable ? [] : status.attempts;
      const hostKeyCode = attempts.map((a) => a.code).find((code): code is HostKeyCode => code !== undefined && isHostKeyCode(code));
      throw new AppError(hostKeyCode ?? ErrorCode.EngineUnreachable, status.reachable ? 'No engine.' : status.message, {
        hint: status.reachable ? START_HINT : status.hint,
        details: { attempts },
      });
    }
    return this.connected.docker;
  }

  /** Where the current engine is, for "the active engine is shown everywhere a job runs". */
  currentHost(): string | undefined {
    return this.connected?.candidate.host;
  }

  async status(): Promise<EngineStatus> {
    if (this.connected) {
      try {
        return { reachable: true, info: await this.describe(this.connected) };
      } catch {
        this.connected = undefined;
      }
    }
    const configured = this.options.configuredHost?.();
    const candidates = this.candidates();
    // A chosen engine is exclusive: a build meant for the subscribed RHEL host must never run
    // on the laptop's engine because the SSH login failed.
    const toTry = configured ? candidates.slice(0, 1) : candidates;
    const attempts: EngineAttempt[] = [];
    for (const candidate of toTry) {
      try {
        this.connected = await this.connect(candidate, false);
        return { reachable: true, info: await this.describe(this.connected) };
      } catch (err) {
        this.connected = undefined;
        attempts.push({ host: candidate.host, source: candidate.source, error: describeConnectError(err), ...(err instanceof AppError ? { code: err.code } : {}) });
      }
    }
    if (configured) {
      const chosen = attempts[0] as EngineAttempt;
      for (const other of candidates.slice(1)) {
        attempts.push({ host: other.host, source: other.source, error: `not tried while ${chosen.host} is chosen in CertDesk`, skipped: true });
      }
      return {
        reachable: false,
        attempts,
        message: `The engine chosen in CertDesk, ${chosen.host}, did not answer: ${chosen.error}.`,
        hint: `${chosenHint(chosen.host)} ${CLEAR_HINT}`,
      };
    }
    return {
      reachable: false,
      attempts,
      message: `No container engine answered. Tried: ${attempts.map((a) => `${a.host} (${a.source}: ${a.error})`).join('; ')}.`,
      hint: START_HINT,
    };
  }

  /**
   * Before an ssh:// engine is chosen: meet its host key. A known key passes; a new one is recorded
   * only with `acceptNewHostKey`, otherwise REPO_HOST_KEY_UNKNOWN with its fingerprint; a changed one
   * is always REPO_HOST_KEY_CHANGED. Login and engine problems are left for `status` to report.
   */
  async checkHostKey(host: string, options: { acceptNewHostKey: boolean }): Promise<void> {
    const parsed = parseEngineHost(host);
    if ('error' in parsed || parsed.protocol !== 'ssh') return;
    const candidate = { host: normalizeHost(host), source: 'chosen in CertDesk' };
    let connected: Connected | undefined;
    try {
      connected = await this.connect(candidate, options.acceptNewHostKey);
      await withTimeout(connected.docker.ping(), this.timeoutFor(candidate.host));
    } catch (err) {
      const refusal = connected?.hostKey?.refusal() ?? (err instanceof AppError && isHostKeyCode(err.code) ? err : undefined);
      if (refusal) throw refusal;
      // Unreachable or login refused: the key, if the handshake got that far, was still accepted.
    }
    if (connected?.hostKey) await this.hostKeys?.rememberAccepted(connected.hostKey);
  }

  async reconnect(): Promise<EngineStatus> {
    this.connected = undefined;
    return this.status();
  }

  async images(): Promise<EngineImage[]> {
    const docker = await this.docker();
    const list = await docker.listImages();
    return list.map((img) => ({ id: img.Id, tags: (img.RepoTags ?? []).filter((t) => t !== '<none>:<none>'), size: img.Size, created: img.Created }));
  }

  dispose(): void {
    this.connected = undefined;
  }

  private pingTimeout(): number {
    return this.options.pingTimeoutMs ?? 3000;
  }

  private timeoutFor(host: string): number {
    return host.startsWith('ssh://') ? Math.max(this.options.sshTimeoutMs ?? 15_000, this.pingTimeout()) : this.pingTimeout();
  }

  private async connect(candidate: EngineCandidate, acceptNewHostKey: boolean): Promise<Connected> {
    const parsed = parseEngineHost(candidate.host);
    let hostKey: HostKeyCheck | undefined;
    if (!('error' in parsed) && parsed.protocol === 'ssh') {
      if (!this.hostKeys) {
        throw new AppError(ErrorCode.InvalidInput, 'ssh:// engines need a known-hosts store to check the host key; none is configured here.');
      }
      hostKey = await this.hostKeys.check(parsed.host, parsed.port, acceptNewHostKey);
    }
    const docker = connectEngine(candidate.host, {
      env: this.options.env,
      timeoutMs: this.timeoutFor(candidate.host),
      ...(await this.sshKey(candidate.host)),
      ...(hostKey ? { hostVerifier: hostKey.verify } : {}),
    });
    return { candidate, docker, ...(hostKey ? { hostKey } : {}) };
  }

  private async hasSshKey(host: string): Promise<boolean> {
    return (await this.sshKey(host)).sshPrivateKey !== undefined;
  }

  private async sshKey(host: string): Promise<{ sshPrivateKey?: string }> {
    if (!host.startsWith('ssh://') || !this.options.sshKeyFor) return {};
    const key = await this.options.sshKeyFor(host);
    return key ? { sshPrivateKey: key } : {};
  }

  private async describe(connected: Connected): Promise<EngineInfo> {
    const { candidate, docker } = connected;
    let version: Dockerode.DockerVersion;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- dockerode types /info as any
    let info: any;
    try {
      [version, info] = await withTimeout(Promise.all([docker.version(), docker.info()]), this.timeoutFor(candidate.host));
    } catch (err) {
      throw connected.hostKey?.refusal() ?? (connected.hostKey ? sshFailure(candidate.host, err, await this.hasSshKey(candidate.host)) : err);
    }
    const components: Array<{ Name?: string }> = (version as { Components?: Array<{ Name?: string }> }).Components ?? [];
    const isPodman = components.some((c) => /podman/i.test(c.Name ?? ''));
    const securityOptions: string[] = Array.isArray(info.SecurityOptions) ? info.SecurityOptions : [];
    return {
      host: candidate.host,
      source: candidate.source,
      product: isPodman ? 'podman' : 'docker',
      serverVersion: String(info.ServerVersion ?? version.Version ?? ''),
      apiVersion: String(version.ApiVersion ?? ''),
      os: String(version.Os ?? info.OSType ?? ''),
      arch: String(version.Arch ?? info.Architecture ?? ''),
      kernelVersion: String(version.KernelVersion ?? info.KernelVersion ?? ''),
      storageDriver: String(info.Driver ?? ''),
      rootless: securityOptions.some((o) => o.includes('name=rootless')),
      images: Number(info.Images ?? 0),
      containers: Number(info.Containers ?? 0),
    };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

type HostKeyCode = typeof ErrorCode.RepoHostKeyChanged | typeof ErrorCode.RepoHostKeyUnknown;

function isHostKeyCode(code: string): code is HostKeyCode {
  return code === ErrorCode.RepoHostKeyChanged || code === ErrorCode.RepoHostKeyUnknown;
}

function chosenHint(host: string): string {
  if (!host.startsWith('ssh://')) return 'Check that the engine runs there and that CertDesk may use it.';
  return (
    `Check the SSH login (the key is the keychain entry engine-ssh-key:${host}, or your SSH agent), ` +
    'and that on the build host the user may run `docker` (docker group) and the engine runs.'
  );
}

/** ssh2 and docker-modem errors in words: which step failed (TCP, handshake, login, dial-stdio). */
function sshFailure(host: string, err: unknown, hadKey: boolean): AppError {
  const e = err as Error & { level?: string; code?: string };
  const message = e instanceof Error ? e.message : String(err);
  let why: string;
  if (e.level === 'client-authentication') {
    why = hadKey
      ? `authentication failed: the build host refused the key stored as engine-ssh-key:${host}`
      : `authentication failed: no key is stored as engine-ssh-key:${host} and the SSH agent offered none the host accepts`;
  } else if (e.level === 'client-timeout' || /timed out|no answer within/i.test(message)) {
    why = `no SSH answer in time (${message})`;
  } else if (e.code === 'ECONNREFUSED') {
    why = 'connection refused (nothing listens on the SSH port)';
  } else if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') {
    why = 'unknown host name';
  } else if (e.code === 'ECONNRESET' || /socket hang up/i.test(message)) {
    why = 'logged in, but `docker system dial-stdio` ended at once: is `docker` on the remote PATH, may this user use the engine, does it run?';
  } else {
    why = message;
  }
  return new AppError(ErrorCode.EngineUnreachable, why, { cause: err, details: { host, level: e.level, code: e.code } });
}

function describeConnectError(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT') return 'no socket there';
  if (code === 'ECONNREFUSED') return 'connection refused (socket exists, nothing listening)';
  if (code === 'EACCES') return 'permission denied (add your user to the docker group, or use rootless Docker/Podman)';
  if (err instanceof AppError) return err.message;
  return err instanceof Error ? err.message : String(err);
}
