import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type Dockerode from 'dockerode';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { BuildLogChunk, BuildLogSummary, BuildResult, ContextInspection } from '@shared/contract/images';
import { applyBuildEvent, flushBuildStream, isDockerfileError, type BuildStreamEvent, type BuildStreamState } from '@shared/images/build-stream';
import { parseReference, repositoryOf } from '@shared/images/tag-rules';
import { suggestTag, type TagSuggestion } from '@shared/images/tag-suggestion';
import type { EngineService } from '../docker/engine-service';
import type { OperationHandle } from '../operations/operation-registry';
import { BuildLogStore } from './build-logs';
import { contextTar, planContext } from './build-context';
import { engineGone, readJsonLines } from './engine-stream';
import type { ImageSettingsFile } from './image-settings';

export interface BuildInput {
  contextDir: string;
  dockerfile?: string | undefined;
  tags: string[];
  buildArgs: Record<string, string>;
  target?: string | undefined;
  noCache: boolean;
  pull: boolean;
}

export interface BuildServiceOptions {
  engine: EngineService;
  logs: BuildLogStore;
  settings: ImageSettingsFile;
  /** CertDesk's own data folder: never part of a context. */
  appDataDir: string;
}

/** How often (every 500 ms) to look for an engine that may be shutting down after an error of its own. */
const ENGINE_GONE_CHECKS = 20;

/** `docker build`, with the context made here (so exclusions are ours), a log kept on disk, and a real cancel. */
export class BuildService {
  constructor(private readonly options: BuildServiceOptions) {}

  async inspect(contextDir: string, dockerfile?: string): Promise<ContextInspection> {
    return (await planContext(contextDir, dockerfile, this.options.appDataDir)).inspection;
  }

  logs(): BuildLogSummary[] {
    return this.options.logs.list();
  }

  readLog(logId: string, offset: number, maxBytes: number): BuildLogChunk {
    return this.options.logs.read(logId, offset, maxBytes);
  }

  /** Sends a stored log through the operation's events in the chunks a live build would. */
  async replayLog(logId: string, op: OperationHandle): Promise<{ lines: number }> {
    this.options.logs.read(logId, 0, 1); // NOT_FOUND for an unknown id
    const input = createReadStream(this.options.logs.logPath(logId), { encoding: 'utf8', highWaterMark: 256 * 1024 });
    let pending = '';
    let lines = 0;
    for await (const chunk of input) {
      if (op.signal.aborted) break;
      const parts = (pending + String(chunk)).split('\n');
      pending = parts.pop() ?? '';
      lines += parts.length;
      op.log(parts);
    }
    if (pending) {
      op.log([pending]);
      lines++;
    }
    return { lines };
  }

  async suggestTag(contextDir: string, dockerfile = 'Dockerfile', repository?: string): Promise<{ suggestion?: TagSuggestion; existingTags: string[] }> {
    let text: string;
    try {
      text = await readFile(join(resolve(contextDir), dockerfile), 'utf8');
    } catch {
      throw new AppError(ErrorCode.FileUnreadable, `No ${dockerfile} in ${contextDir}.`, { hint: 'Pick the folder with the Dockerfile.' });
    }
    const existingTags = new Set<string>();
    if (repository) {
      try {
        for (const image of await this.options.engine.images()) {
          for (const t of image.tags) {
            const p = parseReference(t);
            if (p.ok && p.ref.tag && (repositoryOf(p.ref) === repository || p.ref.path.split('/').pop() === repository.split('/').pop())) existingTags.add(p.ref.tag);
          }
        }
      } catch {
        // No engine: suggest from the labels alone.
      }
      for (const h of this.options.settings.history()) {
        const p = parseReference(h.reference);
        if (p.ok && p.ref.tag && p.ref.path.split('/').pop() === repository.split('/').pop()) existingTags.add(p.ref.tag);
      }
    }
    const tags = [...existingTags].sort();
    const suggestion = suggestTag(text, tags);
    return { ...(suggestion ? { suggestion } : {}), existingTags: tags };
  }

  async build(input: BuildInput, op: OperationHandle): Promise<BuildResult> {
    for (const tag of input.tags) {
      const p = parseReference(tag);
      if (!p.ok) throw new AppError(ErrorCode.InvalidTag, `Cannot tag the build as "${tag}": ${p.error}`, { hint: 'Use NAME:TAG, e.g. my-plugin:1.0-1.' });
    }
    const docker = await this.options.engine.docker();
    const engineHost = this.options.engine.currentHost() ?? 'unknown';
    const started = Date.now();
    const plan = await planContext(input.contextDir, input.dockerfile, this.options.appDataDir);
    const { inspection } = plan;
    if (!inspection.dockerfileFound) {
      throw new AppError(ErrorCode.FileUnreadable, `There is no ${inspection.dockerfile} in ${inspection.contextDir} (or .dockerignore leaves it out).`, { hint: 'Pick the context folder and the Dockerfile name (-f).' });
    }
    const log = this.options.logs.start(`${input.tags[0] ?? 'untagged'} from ${inspection.contextDir}`, input.tags, engineHost);
    const say = (lines: string[]) => {
      log.write(lines);
      op.log(lines);
    };
    say([`CertDesk: building on ${engineHost}; context ${inspection.files} files, ${inspection.bytes} bytes; ${inspection.excludedCount} left out.`]);
    for (const w of inspection.warnings) say([`WARNING: ${w}`]);
    const state: BuildStreamState = {};
    const runningIn = new Set<string>();
    const progress = () => op.progress({
      ...(state.step ? { fraction: (state.step.step - 1) / state.step.total, message: `Step ${state.step.step}/${state.step.total}` } : { message: 'Sending context' }),
      stats: { elapsedMs: Date.now() - started, engineHost, logId: log.summary.logId, ...(state.step ? { step: state.step.step, total: state.step.total } : {}) },
    });
    progress();
    const ticker = setInterval(progress, 1000);
    try {
      const tar = contextTar(plan.entries, op.signal);
      const buildOptions: Omit<Dockerode.ImageBuildOptions, 'pull'> & { pull: boolean; abortSignal: AbortSignal } = {
        dockerfile: inspection.dockerfile,
        // Legacy builder: intermediate containers are removed even when a step fails or is cancelled.
        rm: true,
        forcerm: true,
        nocache: input.noCache,
        pull: input.pull,
        buildargs: input.buildArgs,
        abortSignal: op.signal,
        ...(input.tags.length > 0 ? { t: input.tags as unknown as string } : {}),
        ...(input.target ? { target: input.target } : {}),
      };
      let stream: NodeJS.ReadableStream;
      try {
        // Resolves when the response headers arrive, not when the build ends: the stream is the build.
        stream = await docker.buildImage(tar as unknown as NodeJS.ReadableStream, buildOptions as unknown as Dockerode.ImageBuildOptions);
      } catch (err) {
        if (op.signal.aborted) throw new AppError(ErrorCode.Cancelled, 'Cancelled.');
        throw await this.failure(err, engineHost, 'build');
      }
      try {
        await readJsonLines<BuildStreamEvent>(stream, (event) => {
          const stepBefore = state.step;
          const lines = applyBuildEvent(state, event);
          for (const line of lines) {
            const m = /^ ---> Running in ([a-f0-9]{12,64})/.exec(line);
            if (m?.[1]) runningIn.add(m[1]);
          }
          if (lines.length > 0) say(lines);
          // applyBuildEvent already read the step counter off the lines: a new one means a new step.
          if (state.step !== stepBefore) progress();
        }, op.signal);
        const last = flushBuildStream(state);
        if (last.length > 0) say(last);
      } catch (err) {
        if (op.signal.aborted || (err instanceof AppError && err.code === ErrorCode.Cancelled)) {
          await this.removeStrays(docker, runningIn);
          throw new AppError(ErrorCode.Cancelled, 'Build cancelled.');
        }
        throw await this.failure(err, engineHost, 'build');
      }
      if (state.error) {
        // An engine shutting down fails the step with whatever broke first, not with the cause.
        if (await this.engineWentAway(state.error, say)) throw engineGone(engineHost, 'build', new Error(state.error));
        throw new AppError(ErrorCode.BuildFailed, `The build failed${state.step ? ` at step ${state.step.step}/${state.step.total}` : ''}: ${state.error}`, {
          hint: 'The log above shows the failing step; fix the Dockerfile or the files it uses and build again.',
          details: { logId: log.summary.logId },
        });
      }
      const imageId = state.imageId ?? (state.builtId ? (await docker.getImage(state.builtId).inspect()).Id : undefined);
      if (!imageId) throw new AppError(ErrorCode.BuildFailed, 'The engine ended the build without an image.', { hint: 'See the build log.', details: { logId: log.summary.logId } });
      const elapsedMs = Date.now() - started;
      say([`CertDesk: built ${imageId}${input.tags.length ? ` as ${input.tags.join(', ')}` : ''} in ${(elapsedMs / 1000).toFixed(1)} s on ${engineHost}.`]);
      log.finish({ state: 'succeeded', imageId });
      for (const tag of input.tags) this.options.settings.addHistory({ at: new Date().toISOString(), kind: 'build', reference: tag, imageId, engineHost });
      return {
        imageId,
        tags: input.tags,
        logId: log.summary.logId,
        engineHost,
        ...(state.step ? { steps: { step: state.step.step, total: state.step.total } } : {}),
        elapsedMs,
        context: { files: inspection.files, bytes: inspection.bytes },
      };
    } catch (err) {
      const cancelled = err instanceof AppError && err.code === ErrorCode.Cancelled;
      const message = err instanceof Error ? err.message : String(err);
      log.write([cancelled ? 'CertDesk: build cancelled.' : `CertDesk: ${message}`]);
      log.finish({ state: cancelled ? 'cancelled' : 'failed', ...(cancelled ? {} : { error: message }) });
      throw err;
    } finally {
      clearInterval(ticker);
    }
  }

  /**
   * After a cancel the engine stops the step, and forcerm removes its container; should one
   * remain (an engine that ignores the dropped connection), remove what this build started.
   */
  private async removeStrays(docker: Dockerode, ids: Set<string>): Promise<void> {
    for (const id of ids) {
      try {
        await docker.getContainer(id).remove({ force: true });
      } catch {
        // Already gone: the normal case.
      }
    }
  }

  /**
   * Is the engine itself gone? A step failing because the engine is shutting down reports whatever
   * broke first (exit 137/143, a cancelled context, a torn-down network sandbox, an overlay mount),
   * while the engine's API still answers for seconds. So every error that is not plainly the
   * Dockerfile's own (a command's exit code, a missing file, a base image) gets a second look for
   * up to 10 s, which the log says, before it is blamed on the Dockerfile.
   */
  private async engineWentAway(error: string, say: (lines: string[]) => void): Promise<boolean> {
    const looksAgain = !isDockerfileError(error);
    if (looksAgain) say(['CertDesk: the engine reported an error of its own; checking whether it is stopping (up to 10 s)…']);
    for (let i = 0; i < (looksAgain ? ENGINE_GONE_CHECKS : 1); i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 500));
      const status = await this.options.engine.status().catch(() => undefined);
      if (!status?.reachable) return true;
    }
    return false;
  }

  private async failure(err: unknown, host: string, what: string): Promise<AppError> {
    if (err instanceof AppError) return err;
    const status = await this.options.engine.status().catch(() => undefined);
    if (!status?.reachable) return engineGone(host, what, err);
    const message = err instanceof Error ? err.message : String(err);
    return new AppError(ErrorCode.BuildFailed, `The engine refused the build: ${message}`, { hint: 'Check the Dockerfile name, build arguments and target stage.' });
  }
}
