import type { EngineStatus } from '@shared/contract/engine';
import { Exit } from '../cli-context';
import { formatOption, parseCommandArgs, writeJson, type CliCommand } from '../cli-command';

export const engineCommand: CliCommand = {
  name: 'engine',
  summary: 'Show the container engine CertDesk talks to',
  usage: 'certdesk engine [--format text|json]',
  async run(argv, ctx) {
    const { values } = parseCommandArgs(argv, { format: { type: 'string' } }, false);
    const format = formatOption(values.format, ['text', 'json'] as const, 'text');
    const status: EngineStatus = await ctx.call('engine.status', {});
    if (format === 'json') writeJson(ctx, status);
    else ctx.io.stdout.write(describeStatus(status));
    return status.reachable ? Exit.Ok : Exit.Error;
  },
};

function describeStatus(status: EngineStatus): string {
  if (!status.reachable) {
    const tried = status.attempts.map((a) => `  ${a.host}  (${a.source}): ${a.error}`).join('\n');
    return `No container engine answered.\nTried:\n${tried}\n${status.hint}\n`;
  }
  const i = status.info;
  return [
    `Engine:          ${i.product} ${i.serverVersion} (API ${i.apiVersion})`,
    `Host:            ${i.host}  [${i.source}]`,
    `OS/Arch:         ${i.os}/${i.arch}  kernel ${i.kernelVersion}`,
    `Storage driver:  ${i.storageDriver}`,
    `Rootless:        ${i.rootless ? 'yes' : 'no'}`,
    `Images:          ${i.images}   Containers: ${i.containers}`,
    '',
  ].join('\n');
}
