import { Exit } from '../cli-context';
import { CliUsageError } from '../cli-context';
import { formatOption, parseCommandArgs, writeJson, type CliCommand } from '../cli-command';

export const logoutCommand: CliCommand = {
  name: 'logout',
  summary: 'Remove a stored registry key from the keychain',
  usage: 'certdesk logout REGISTRY [--project PID] [--format text|json]',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(argv, { format: { type: 'string' }, project: { type: 'string' } });
    const format = formatOption(values.format, ['text', 'json'] as const, 'text');
    if (positionals.length !== 1) throw new CliUsageError('logout takes one REGISTRY.');
    const result = await ctx.call('registry.logout', { registry: positionals[0] as string, ...(values.project ? { projectId: values.project } : {}) });
    if (format === 'json') writeJson(ctx, result);
    else ctx.io.stdout.write(result.removed ? `Removed the registry key ${result.keyName}.\n` : `No registry key ${result.keyName} was stored.\n`);
    return Exit.Ok;
  },
};
