import type Dockerode from 'dockerode';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { PullResult, PushResult, RunResult } from '@shared/contract/images';
import { formatBytes, formatDuration, LayerProgressTracker, type ProgressEvent } from '@shared/images/layer-progress';
import { parseReference, repositoryOf } from '@shared/images/tag-rules';
import { classifyRegistryError, type ClassifiedError } from '@shared/registry/registry-errors';
import {
  isWrongEndpoint,
  normalizeEndpoint,
  pullReference,
  pushReference,
  targetViolations,
  WRONG_ENDPOINT_EXPLANATION,
  type PullForm,
  type RegistryTarget,
} from '@shared/registry/registry-targets';
import type { EngineService } from '../docker/engine-service';
import type { OperationHandle } from '../operations/operation-registry';
import type { EvidenceRecorder } from '../projects/evidence-recorder';
import { registryReachable } from '../registry/registry-auth-check';
import type { RegistryCredentials, RegistryLoginService } from '../registry/registry-login-service';
import { engineGone, pause, readJsonLines } from './engine-stream';
import type { ImageSettingsFile } from './image-settings';

export interface PushPullOptions {
  engine: EngineService;
  registry: RegistryLoginService;
  settings: ImageSettingsFile;
  evidence?: EvidenceRecorder;
  /** Pauses between whole-push retries; tests and benches may shorten them. */
  backoffMs?: (attempt: number) => number;
}

export type PullInput = { reference: string } | { endpoint: string; projectId: string; tag: string; form: PullForm; image?: string | undefined };

const PROGRESS_EVERY_MS = 100;

/** A failure of one attempt: classified, and whether the stream itself broke (engine side). */
class AttemptFailure extends Error {
  constructor(
    readonly classified: ClassifiedError,
    readonly engineSide: boolean,
    readonly original?: unknown,
  ) {
    super(classified.message);
  }
}

/** Push and pull through the engine with the stored key in every call, progress per layer, retry and clear errors. */
export class PushPullService {
  constructor(private readonly options: PushPullOptions) {}

  async push(input: { source: string; target: RegistryTarget; force: boolean; retries: number; projectId?: string | undefined }, op: OperationHandle): Promise<PushResult> {
    const target = { ...input.target, endpoint: normalizeEndpoint(input.target.endpoint) };
    const violations = targetViolations(target);
    if (violations.length > 0) {
      const tagProblem = violations.some((v) => /tag/i.test(v));
      throw new AppError(tagProblem ? ErrorCode.InvalidTag : ErrorCode.InvalidInput, violations.join(' '), { hint: 'Fix the registry target: endpoint, project id (pid), image name and tag.' });
    }
    if (isWrongEndpoint(target.endpoint) && !input.force) {
      throw new AppError(ErrorCode.WrongEndpoint, WRONG_ENDPOINT_EXPLANATION, { hint: 'Push to scan.connect.redhat.com instead. If you really mean this registry, push again with "force".' });
    }
    const sourceProblem = sourceViolation(input.source);
    if (sourceProblem) throw new AppError(ErrorCode.InvalidInput, `The image to push, "${input.source}", ${sourceProblem}`, { hint: 'Name a local image by NAME:TAG (as built, e.g. my-plugin:1.0-1) or by its id.' });
    const reference = pushReference(target);
    const creds = await this.options.registry.credentials(target.endpoint, target.projectId);
    const docker = await this.options.engine.docker();
    const engineHost = this.options.engine.currentHost() ?? 'unknown';
    const started = Date.now();
    const repo = `${target.endpoint}/${target.projectId}/${target.image}`;
    try {
      await docker.getImage(input.source).tag({ repo, tag: target.tag });
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) {
        throw new AppError(ErrorCode.NotFound, `There is no image ${input.source} on ${engineHost}.`, { hint: 'Build it first, or pick an image the engine has (Engine page lists them).' });
      }
      throw await this.engineFailure(err, engineHost, 'push');
    }
    op.log([`CertDesk: pushing ${input.source} as ${reference} from ${engineHost}.`]);
    const ctx = { registry: target.endpoint, project: target.projectId, repository: `${target.projectId}/${target.image}`, operation: 'push' as const };
    const authconfig = { username: creds.username, password: creds.password, serveraddress: target.endpoint };
    let attempt = 0;
    for (;;) {
      attempt++;
      const tracker = new LayerProgressTracker();
      try {
        await this.stream(
          (signal) => docker.getImage(repo).push({ tag: target.tag, authconfig, abortSignal: signal } as Dockerode.ImagePushOptions),
          tracker,
          op,
          ctx,
          target.endpoint,
          started,
        );
        let digest = tracker.digest;
        if (!digest) {
          const info = await docker.getImage(reference).inspect();
          digest = info.RepoDigests?.find((d) => d.startsWith(`${repo}@`))?.split('@')[1];
        }
        if (!digest) throw new AppError(ErrorCode.RegistryError, 'The push ended without a digest from the registry.', { hint: 'Push again; layers already there are skipped.' });
        const o = tracker.overall(Date.now());
        const result: PushResult = {
          reference,
          digest,
          engineHost,
          attempts: attempt,
          layersPushed: o.layers - o.layersSkipped,
          layersSkipped: o.layersSkipped,
          bytes: o.bytesTotal,
          elapsedMs: Date.now() - started,
        };
        op.log([`CertDesk: pushed ${reference}@${digest} (${result.layersPushed} layers sent, ${result.layersSkipped} already there) in ${formatDuration(result.elapsedMs / 1000)}.`]);
        await this.record('push', reference, digest, engineHost, input.projectId ?? target.projectId, target.tag);
        return result;
      } catch (err) {
        if (err instanceof AppError) throw err;
        if (!(err instanceof AttemptFailure)) throw err;
        if (err.engineSide) throw await this.engineFailure(err.original ?? err, engineHost, 'push');
        const c = err.classified;
        if (!c.retryable || attempt > input.retries) {
          throw new AppError(c.code, attempt > 1 ? `${c.message} (after ${attempt} attempts)` : c.message, { hint: c.hint, details: { source: c.source, attempts: attempt } });
        }
        const wait = this.backoff(attempt);
        op.warn({ code: c.code, message: `${c.message} Retrying in ${Math.round(wait / 1000)} s (attempt ${attempt + 1} of ${input.retries + 1}).`, hint: c.hint }, true);
        op.log([`CertDesk: ${c.message}; retrying in ${Math.round(wait / 1000)} s.`]);
        await pause(wait, op.signal);
      }
    }
  }

  async pull(input: PullInput, op: OperationHandle): Promise<PullResult> {
    const reference = 'reference' in input
      ? input.reference
      : pullReference({ endpoint: input.endpoint, projectId: input.projectId, tag: input.tag, ...(input.image ? { image: input.image } : {}) }, input.form);
    const parsed = parseReference(reference);
    if (!parsed.ok) throw new AppError(ErrorCode.InvalidInput, `"${reference}": ${parsed.error}`, { hint: 'Use REGISTRY/PID/NAME:TAG.' });
    const registry = parsed.ref.domain ?? 'docker.io';
    const projectId = parsed.ref.path.split('/')[0];
    // The first path segment is the project only when it looks like a pid.
    const project = projectId && /^p[0-9a-f]+$/.test(projectId) ? projectId : undefined;
    const creds = await this.options.registry.credentials(registry, project).catch(() => undefined);
    const docker = await this.options.engine.docker();
    const engineHost = this.options.engine.currentHost() ?? 'unknown';
    const started = Date.now();
    const ctx = { registry, repository: parsed.ref.path, operation: 'pull' as const, ...(projectId ? { project: projectId } : {}) };
    op.log([`CertDesk: pulling ${reference} onto ${engineHost}.`]);
    const tracker = new LayerProgressTracker();
    const authconfig = creds ? { username: creds.username, password: creds.password, serveraddress: registry } : undefined;
    try {
      await this.stream(
        (signal) => docker.pull(reference, { ...(authconfig ? { authconfig } : {}), abortSignal: signal }) as Promise<NodeJS.ReadableStream>,
        tracker,
        op,
        ctx,
        registry,
        started,
      );
    } catch (err) {
      throw withoutKeyHint(err instanceof AttemptFailure ? await this.attemptError(err, engineHost, 'pull') : err, creds, registry, project);
    }
    let imageId: string | undefined;
    let digest = tracker.digest;
    try {
      const info = await docker.getImage(reference).inspect();
      imageId = info.Id;
      digest ??= info.RepoDigests?.find((d) => d.startsWith(`${repositoryOf(parsed.ref)}@`))?.split('@')[1];
    } catch {
      // The pull said it finished; an inspect failure is not worth failing it for.
    }
    await this.record('pull', reference, digest, engineHost, projectId, parsed.ref.tag);
    const result: PullResult = { reference, engineHost, elapsedMs: Date.now() - started, ...(digest ? { digest } : {}), ...(imageId ? { imageId } : {}) };
    op.log([`CertDesk: pulled ${reference}${digest ? `@${digest}` : ''}.`]);
    return result;
  }

  /** Runs the image briefly: no network, a timeout, output collected, container always removed. */
  async runLocally(input: { image: string; command: string[]; timeoutSeconds: number }, op: OperationHandle): Promise<RunResult> {
    const docker = await this.options.engine.docker();
    const engineHost = this.options.engine.currentHost() ?? 'unknown';
    let container: Dockerode.Container | undefined;
    op.log([`CertDesk: running ${input.image} ${input.command.join(' ')} on ${engineHost} (no network, ${input.timeoutSeconds} s limit).`]);
    try {
      container = await docker.createContainer({
        Image: input.image,
        Cmd: input.command,
        Tty: false,
        Labels: { 'io.certdesk.run': op.id },
        HostConfig: { NetworkMode: 'none', AutoRemove: false },
      });
      await container.start();
      let timedOut = false;
      const waited = container.wait() as Promise<{ StatusCode: number }>;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const limit = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), input.timeoutSeconds * 1000);
      });
      const cancelled = new Promise<'cancel'>((resolve) => op.signal.addEventListener('abort', () => resolve('cancel'), { once: true }));
      const outcome = await Promise.race([waited, limit, cancelled]);
      clearTimeout(timer);
      if (outcome === 'cancel') throw new AppError(ErrorCode.Cancelled, 'Cancelled.');
      if (outcome === 'timeout') {
        timedOut = true;
        await container.kill().catch(() => undefined);
      }
      const status = outcome === 'timeout' ? { StatusCode: 137 } : outcome;
      const raw = (await container.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
      const output = demux(raw).slice(0, 256 * 1024);
      op.log(output.split('\n').filter((l, i, a) => l !== '' || i < a.length - 1));
      return { image: input.image, command: input.command, exitCode: status.StatusCode, output, timedOut, engineHost };
    } catch (err) {
      if (err instanceof AppError) throw err;
      const statusCode = (err as { statusCode?: number }).statusCode;
      if (statusCode === 404) throw new AppError(ErrorCode.NotFound, `There is no image ${input.image} on ${engineHost}.`, { hint: 'Pull it first.' });
      if (statusCode && statusCode < 500 || /executable file not found|no such file/i.test(String((err as Error).message))) {
        throw new AppError(ErrorCode.EngineError, `The engine could not start ${input.command.join(' ')} in ${input.image}: ${(err as Error).message}`, { hint: 'Pick a command the image has (e.g. id, cat /etc/os-release).' });
      }
      throw await this.engineFailure(err, engineHost, 'run');
    } finally {
      await container?.remove({ force: true }).catch(() => undefined);
    }
  }

  /** One engine stream with progress; failures become AttemptFailure (registry side) or engine-side. */
  private async stream(
    start: (signal: AbortSignal) => Promise<NodeJS.ReadableStream>,
    tracker: LayerProgressTracker,
    op: OperationHandle,
    ctx: Parameters<typeof classifyRegistryError>[1],
    registry: string,
    started: number,
  ): Promise<void> {
    // Our own controller: a dead registry found by the probe aborts this attempt, not the operation.
    const attempt = new AbortController();
    const onCancel = () => attempt.abort();
    op.signal.addEventListener('abort', onCancel, { once: true });
    let probeFailure: ClassifiedError | undefined;
    let probing = false;
    let lastProgress = 0;
    const report = (force = false) => {
      const now = Date.now();
      if (!force && now - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = now;
      const o = tracker.overall(now);
      op.progress({
        fraction: o.fraction,
        message: `${formatBytes(o.bytesDone)} of ${formatBytes(o.bytesTotal)}${o.rate > 0 ? `, ${formatBytes(o.rate)}/s` : ''}${o.etaSeconds !== undefined ? `, ${formatDuration(o.etaSeconds)} left` : ''}`,
        items: tracker.items().map((l) => ({ id: l.id, label: l.id, current: l.current, ...(l.total !== undefined ? { total: l.total } : {}), status: l.status })),
        stats: { bytesDone: o.bytesDone, bytesTotal: o.bytesTotal, rate: Math.round(o.rate), ...(o.etaSeconds !== undefined ? { etaSeconds: o.etaSeconds } : {}), layers: o.layers, layersDone: o.layersDone, layersSkipped: o.layersSkipped, elapsedMs: now - started, engineHost: this.options.engine.currentHost() ?? 'unknown' },
      });
    };
    /** The engine retries a layer for up to a minute; a dead registry is told within seconds. */
    const probe = () => {
      if (probing || probeFailure) return;
      probing = true;
      void registryReachable(registry, this.options.registry.caFileFor(registry)).then(({ ok, error }) => {
        probing = false;
        if (ok) return;
        const c = classifyRegistryError(error, ctx);
        if (c.code !== ErrorCode.RegistryUnreachable) return;
        probeFailure = c;
        attempt.abort();
      });
    };
    try {
      let stream: NodeJS.ReadableStream;
      try {
        stream = await start(attempt.signal);
      } catch (err) {
        if (op.signal.aborted) throw new AppError(ErrorCode.Cancelled, 'Cancelled.');
        const status = (err as { statusCode?: number }).statusCode;
        if (status && status < 500) throw new AttemptFailure(classifyRegistryError(err, ctx), false, err);
        throw new AttemptFailure(classifyRegistryError(err, ctx), true, err);
      }
      try {
        await readJsonLines<ProgressEvent>(stream, (event) => {
          const changed = tracker.apply(event, Date.now());
          if (event.status && /^Retrying in/i.test(event.status)) {
            op.log([`${event.id ?? ''} ${event.status}`.trim()]);
            probe();
          }
          if (event.errorDetail || event.error) op.log([`ERROR: ${tracker.error ?? ''}`]);
          else if (event.status && (!event.id || !changed || !/^(Pushing|Downloading|Extracting)/.test(event.status))) op.log([`${event.id ? `${event.id}: ` : ''}${event.status}`]);
          if (changed) report();
        }, attempt.signal);
      } catch (err) {
        if (op.signal.aborted) throw new AppError(ErrorCode.Cancelled, 'Cancelled.');
        if (probeFailure) throw new AttemptFailure(probeFailure, false);
        throw new AttemptFailure(classifyRegistryError(err, ctx), true, err);
      }
      report(true);
      if (tracker.error) {
        // An engine shutting down may end the stream with an error line ("context canceled") instead of
        // breaking it: that is the engine going away, not the registry, and no retry can help.
        if (await this.engineWentAway(tracker.error)) throw new AttemptFailure(classifyRegistryError(tracker.error, ctx), true, new Error(tracker.error));
        throw new AttemptFailure(classifyRegistryError(tracker.error, ctx), false);
      }
    } finally {
      op.signal.removeEventListener('abort', onCancel);
    }
  }

  /**
   * Is the engine itself gone? Its API can still answer for a moment while it shuts down, so after a
   * line that smells of shutdown look again briefly; otherwise one look.
   */
  private async engineWentAway(error: string): Promise<boolean> {
    const shutdown = /context canceled|shutting down/i.test(error);
    for (let i = 0; i < (shutdown ? 6 : 1); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 500));
      const status = await this.options.engine.status().catch(() => undefined);
      if (!status?.reachable) return true;
    }
    return false;
  }

  private backoff(attempt: number): number {
    return this.options.backoffMs?.(attempt) ?? Math.min(30_000, 2000 * 2 ** (attempt - 1));
  }

  private async attemptError(err: AttemptFailure, host: string, what: string): Promise<AppError> {
    if (err.engineSide) return this.engineFailure(err.original ?? err, host, what);
    const c = err.classified;
    return new AppError(c.code, c.message, { hint: c.hint });
  }

  private async engineFailure(err: unknown, host: string, what: string): Promise<AppError> {
    if (err instanceof AppError) return err;
    const status = await this.options.engine.status().catch(() => undefined);
    if (!status?.reachable) return engineGone(host, what, err);
    const c = classifyRegistryError(err, {});
    return new AppError(c.code === ErrorCode.RegistryError ? ErrorCode.EngineError : c.code, c.message, { hint: c.hint });
  }

  private async record(kind: 'push' | 'pull', reference: string, digest: string | undefined, engineHost: string, projectId: string | undefined, tag: string | undefined): Promise<void> {
    this.options.settings.addHistory({ at: new Date().toISOString(), kind, reference, ...(digest ? { digest } : {}), engineHost });
    if (!this.options.evidence || !projectId) return;
    try {
      await this.options.evidence.record({
        projectId,
        kind,
        subject: reference,
        passed: true,
        at: new Date().toISOString(),
        ...(digest ? { digest } : {}),
        ...(tag ? { tag } : {}),
        data: { engineHost },
      });
    } catch {
      // Evidence is a courtesy to the checklist (the project may be unknown there); the image history has it.
    }
  }
}

/** The engine multiplexes stdout/stderr in 8-byte framed chunks when there is no TTY. */
function demux(raw: Buffer | string): string {
  if (typeof raw === 'string') return raw;
  const parts: Buffer[] = [];
  let i = 0;
  while (i + 8 <= raw.length) {
    const type = raw[i];
    const size = raw.readUInt32BE(i + 4);
    if ((type !== 0 && type !== 1 && type !== 2) || i + 8 + size > raw.length) return raw.toString('utf8');
    parts.push(raw.subarray(i + 8, i + 8 + size));
    i += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}

/** Why `source` can't be a local image to push, if it can't: a reference (lowercase repository) or an image id. */
function sourceViolation(source: string): string | undefined {
  if (/^(sha256:)?[0-9a-f]{12,64}$/.test(source)) return undefined;
  const parsed = parseReference(source);
  return parsed.ok ? undefined : `is not an image reference: ${parsed.error}`;
}

/**
 * A pull made without a stored key fails for a reason the registry words its own way (401, 404,
 * a TLS or protocol error): unpublished images always need the key, so say that first.
 */
function withoutKeyHint(err: unknown, creds: RegistryCredentials | undefined, registry: string, project: string | undefined): unknown {
  if (creds || !(err instanceof AppError) || err.code === ErrorCode.Cancelled || err.code === ErrorCode.EngineUnreachable) return err;
  const login = `No registry key is stored for ${registry}${project ? ` (project ${project})` : ''}, so the pull went without one; unpublished images need it. Log in first with the project's Registry Key (CLI: certdesk login ${registry}${project ? ` --project ${project}` : ''}).`;
  return new AppError(err.code, err.message, { hint: err.code === ErrorCode.RegistryUnauthorized ? login : `${login} ${err.hint ?? ''}`.trim(), ...(err.details ? { details: err.details } : {}) });
}
