import { homedir } from 'node:os';
import type Dockerode from 'dockerode';
import { AppError } from '@shared/contract/app-error';
import type { EngineAttempt, EngineImage, EngineInfo, EngineStatus } from '@shared/contract/engine';
import { ErrorCode } from '@shared/contract/error-codes';
import { engineCandidates, type EngineCandidate } from '@shared/engine/engine-candidates';
import { connectEngine } from './engine-connection';

export interface EngineServiceOptions {
  env: Record<string, string | undefined>;
  /** The engine the user chose in the app, if any; tried before discovery. */
  configuredHost?: () => string | undefined;
  /** Private key for an ssh:// engine, looked up when connecting. */
  sshKeyFor?: (host: string) => Promise<string | undefined>;
  pingTimeoutMs?: number;
}

interface Connected {
  candidate: EngineCandidate;
  docker: Dockerode;
}

const START_HINT =
  'Start an engine and CertDesk connects by itself: `sudo systemctl start docker` (Docker), ' +
  '`systemctl --user start podman.socket` (Podman), or set DOCKER_HOST to the engine you use (unix://, tcp://, ssh://).';

/** Finds the container engine, keeps the connection, and tells exactly what was tried when none answers. */
export class EngineService {
  private connected: Connected | undefined;

  constructor(private readonly options: EngineServiceOptions) {}

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

  /** The client for the current engine; throws ENGINE_UNREACHABLE naming every socket tried. */
  async docker(): Promise<Dockerode> {
    const status = await this.status();
    if (!status.reachable || !this.connected) {
      const attempts = status.reachable ? [] : status.attempts;
      throw new AppError(ErrorCode.EngineUnreachable, status.reachable ? 'No engine.' : status.message, {
        hint: START_HINT,
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
    const attempts: EngineAttempt[] = [];
    for (const candidate of this.candidates()) {
      try {
        const docker = connectEngine(candidate.host, {
          env: this.options.env,
          timeoutMs: this.pingTimeout(),
          ...(await this.sshKey(candidate.host)),
        });
        const connected = { candidate, docker };
        const info = await this.describe(connected);
        this.connected = connected;
        return { reachable: true, info };
      } catch (err) {
        attempts.push({ host: candidate.host, source: candidate.source, error: describeConnectError(err) });
      }
    }
    return {
      reachable: false,
      attempts,
      message: `No container engine answered. Tried: ${attempts.map((a) => `${a.host} (${a.source}: ${a.error})`).join('; ')}.`,
      hint: START_HINT,
    };
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

  private async sshKey(host: string): Promise<{ sshPrivateKey?: string }> {
    if (!host.startsWith('ssh://') || !this.options.sshKeyFor) return {};
    const key = await this.options.sshKeyFor(host);
    return key ? { sshPrivateKey: key } : {};
  }

  private async describe({ candidate, docker }: Connected): Promise<EngineInfo> {
    const [version, info] = await withTimeout(Promise.all([docker.version(), docker.info()]), this.pingTimeout());
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

function describeConnectError(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT') return 'no socket there';
  if (code === 'ECONNREFUSED') return 'connection refused (socket exists, nothing listening)';
  if (code === 'EACCES') return 'permission denied (add your user to the docker group, or use rootless Docker/Podman)';
  if (err instanceof AppError) return err.message;
  return err instanceof Error ? err.message : String(err);
}
