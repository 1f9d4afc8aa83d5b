import type { imagesCalls } from '@shared/contract/images';
import type { Services } from '../../services/create-services';
import type { HandlersFor } from '../register';

/** Thin: long work goes through the operation registry; the services do the rest. */
export function imagesHandlers(services: Services): HandlersFor<typeof imagesCalls> {
  const { build, registry, pushPull, settings } = services.images;
  const ops = services.operations;
  return {
    'build.inspectContext': (input) => build.inspect(input.contextDir, input.dockerfile),
    'build.start': (input, ctx) => {
      const title = `Build ${input.tags[0] ?? input.contextDir}`;
      return { operationId: ops.start('build', title, ctx.emit, (op) => build.build(input, op)).operationId };
    },
    'build.logs': () => build.logs(),
    'build.readLog': (input) => build.readLog(input.logId, input.offset, input.maxBytes),
    'build.replayLog': (input, ctx) => ({ operationId: ops.start('build', `Replay log ${input.logId}`, ctx.emit, (op) => build.replayLog(input.logId, op)).operationId }),
    'build.suggestTag': (input) => build.suggestTag(input.contextDir, input.dockerfile, input.repository),
    'registry.login': (input) => registry.login(input),
    'registry.testLogin': (input) => registry.testLogin(input),
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
