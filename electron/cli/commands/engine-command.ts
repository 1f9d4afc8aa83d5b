import { AppError } from '@shared/contract/app-error';
import type { EngineStatus } from '@shared/contract/engine';
import { ErrorCode } from '@shared/contract/error-codes';
import { CliUsageError, Exit } from '../cli-context';
import { formatOption, parseCommandArgs, writeJson, type CliCommand } from '../cli-command';

/** Refusals (exit 1): the host key is unknown or changed, so the choice was not saved. */
const REFUSED_CODES = new Set<string>([ErrorCode.RepoHostKeyUnknown, ErrorCode.RepoHostKeyChanged]);

export const engineCommand: CliCommand = {
  name: 'engine',
  summary: 'Show the container engine CertDesk talks to, or choose one (e.g. ssh://user@build-host)',
  usage:
    'certdesk engine [--format text|json]\n' +
    '       certdesk engine --host unix://…|tcp://…|ssh://user@host[:port] [--ssh-key-file PATH] [--accept-new-host-key] [--format text|json]\n' +
    '       certdesk engine --clear [--format text|json]',
  async run(argv, ctx) {
    const { values } = parseCommandArgs(
      argv,
      {
        format: { type: 'string' },
        host: { type: 'string' },
        clear: { type: 'boolean' },
        'ssh-key-file': { type: 'string' },
        'accept-new-host-key': { type: 'boolean' },
      },
      false,
    );
    const format = formatOption(values.format, ['text', 'json'] as const, 'text');
    if (values.clear && values.host !== undefined) throw new CliUsageError('Give --host or --clear, not both.');
    if (values.host === undefined && (values['ssh-key-file'] !== undefined || values['accept-new-host-key'])) {
      throw new CliUsageError('--ssh-key-file and --accept-new-host-key go with --host.');
    }
    let status: EngineStatus;
    try {
      if (values.clear) status = await ctx.call('engine.setHost', { host: null });
      else if (values.host !== undefined) {
        status = await ctx.call('engine.setHost', {
          host: values.host,
          acceptNewHostKey: values['accept-new-host-key'] === true,
          ...(values['ssh-key-file'] !== undefined ? { sshKeyFile: values['ssh-key-file'] } : {}),
        });
      } else status = await ctx.call('engine.status', {});
    } catch (err) {
      if (!(err instanceof AppError) || !REFUSED_CODES.has(err.code)) throw err;
      if (format === 'json') writeJson(ctx, { ok: false, error: err.toShape() });
      else ctx.io.stderr.write(`${err.message}\n${err.hint ? `${err.hint}\n` : ''}The engine choice was not changed.\n`);
      return Exit.Failed;
    }
    if (format === 'json') writeJson(ctx, status);
    else ctx.io.stdout.write(describeStatus(status));
    return status.reachable ? Exit.Ok : Exit.Error;
  },
};

function describeStatus(status: EngineStatus): string {
  if (!status.reachable) {
    const tried = status.attempts.map((a) => `  ${a.host}  (${a.source}): ${a.error}`).join('\n');
    return `${status.message.startsWith('The engine chosen') ? status.message : 'No container engine answered.'}\nTried:\n${tried}\n${status.hint}\n`;
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
