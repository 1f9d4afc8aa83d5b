import { isAbsolute, join } from 'node:path';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { BuildResult, imagesCalls, LoginResult } from '@shared/contract/images';
import { parseReference } from '@shared/images/tag-rules';
import type { Services } from '../../services/create-services';
import type { BuildInput } from '../../services/images/build-service';
import type { OperationHandle } from '../../services/operations/operation-registry';
import { failureSummary, recordQuietly } from '../../services/projects/record-evidence';
import type { HandlersFor } from '../register';

/** Thin: long work goes through the operation registry; the services do the rest. */
export function imagesHandlers(services: Services): HandlersFor<typeof imagesCalls> {
  const { build, registry, pushPull, settings } = services.images;
  const ops = services.operations;
  return {
    'build.inspectContext': (input) => build.inspect(input.contextDir, input.dockerfile),
    'build.start': (input, ctx) => {
      const title = `Build ${input.tags[0] ?? input.contextDir}`;
      return { operationId: ops.start('build', title, ctx.emit, (op) => buildWithEvidence(services, input, op)).operationId };
    },
    'build.logs': () => build.logs(),
    'build.readLog': (input) => build.readLog(input.logId, input.offset, input.maxBytes),
    'build.replayLog': (input, ctx) => ({ operationId: ops.start('build', `Replay log ${input.logId}`, ctx.emit, (op) => build.replayLog(input.logId, op)).operationId }),
    'build.suggestTag': (input) => build.suggestTag(input.contextDir, input.dockerfile, input.repository),
    'registry.login': (input) => withLoginEvidence(services, input, () => registry.login(input)),
    'registry.testLogin': (input) => withLoginEvidence(services, input, () => registry.testLogin(input)),
    'registry.logout': (input) => registry.logout(input),
    'registry.keyStatus': (input) => registry.keyStatus(input),
    'registry.settings': () => settings.read(),
    'image.push': (input, ctx) => {
      settings.update((s) => ({ ...s, lastTarget: input.target }));
      const title = `Push ${input.source} to ${input.target.endpoint}/${input.target.projectId}/${input.target.image}:${input.target.tag}`;
      return { operationId: ops.start('push', title, ctx.emit, (op) => pushPull.push(input, op)).operationId };
    },
    'image.pull': (input, ctx) => {
      const title = 'reference' in input ? `Pull ${input.reference}` : `Pull ${input.projectId} ${input.form} ${input.tag}`;
      return { operationId: ops.start('pull', title, ctx.emit, (op) => pushPull.pull(input, op)).operationId };
    },
    'image.run': (input, ctx) => ({ operationId: ops.start('run', `Run ${input.image}`, ctx.emit, (op) => pushPull.runLocally(input, op)).operationId }),
    'image.history': () => settings.history(),
  };
}

/** A build tied to a project leaves evidence (tag, base image) for the image history and the wizard. */
async function buildWithEvidence(services: Services, input: BuildInput & { projectId?: string | undefined }, op: OperationHandle): Promise<BuildResult> {
  if (!input.projectId) return services.images.build.build(input, op);
  const reference = input.tags[0];
  const parsed = reference ? parseReference(reference) : undefined;
  const about = {
    projectId: input.projectId,
    kind: 'build' as const,
    subject: reference ?? input.contextDir,
    ...(parsed?.ok && parsed.ref.tag ? { tag: parsed.ref.tag } : {}),
  };
  try {
    const result = await services.images.build.build(input, op);
    const baseImage = await finalBaseImage(services, input);
    await recordQuietly(services.evidence, {
      ...about,
      subject: reference ?? result.imageId,
      passed: true,
      summary: `Built ${result.imageId.slice(0, 19)} on ${result.engineHost}${result.steps ? ` (${result.steps.total} steps)` : ''}`,
      data: { imageId: result.imageId, engineHost: result.engineHost, logId: result.logId, ...(baseImage ? { baseImage } : {}) },
    });
    return result;
  } catch (err) {
    // A cancelled build proves nothing either way.
    if (!(err instanceof AppError && err.code === ErrorCode.Cancelled)) await recordQuietly(services.evidence, { ...about, passed: false, summary: failureSummary(err) });
    throw err;
  }
}

/** The final stage's base image, as the Dockerfile check reads it (ARG defaults applied). */
async function finalBaseImage(services: Services, input: BuildInput): Promise<string | undefined> {
  const dockerfile = input.dockerfile ?? 'Dockerfile';
  const path = isAbsolute(dockerfile) ? dockerfile : join(input.contextDir, dockerfile);
  return services.lint.lintFile(path, input.contextDir).then(
    (r) => r.report.finalBaseImage,
    () => undefined,
  );
}

/** A login or key test for a registry pid is evidence for the project with that pid; never the key. */
async function withLoginEvidence(services: Services, input: { registry: string; projectId?: string | undefined }, login: () => Promise<LoginResult>): Promise<LoginResult> {
  if (!input.projectId) return login();
  const about = { projectId: input.projectId, kind: 'login' as const, subject: input.registry };
  try {
    const result = await login();
    await recordQuietly(services.evidence, {
      ...about,
      subject: result.registry,
      passed: result.verified,
      summary: `Registry key ${result.verified ? 'accepted' : 'not verified'} by ${result.registry} (${result.method})${result.stored ? '; stored in the keychain' : ''}`,
      data: { method: result.method, stored: result.stored, ...(result.engineCheck ? { engineAccepted: result.engineCheck.ok } : {}) },
    });
    return result;
  } catch (err) {
    await recordQuietly(services.evidence, { ...about, passed: false, summary: failureSummary(err) });
    throw err;
  }
}
