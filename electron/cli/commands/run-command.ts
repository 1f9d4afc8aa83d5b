import { Exit } from '../cli-context';
import { CliUsageError } from '../cli-context';
import { formatOption, parseCommandArgs, writeJson, type CliCommand } from '../cli-command';
import { reportJobError } from './push-command';

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Run a short command in an image (no network, time limit, container removed)',
  usage: 'certdesk run IMAGE [--timeout SECONDS] [--format text|json] [-- CMD ARG...]   (after --, options belong to CMD: run IMAGE -- ls -la /)',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(argv, { format: { type: 'string' }, timeout: { type: 'string' } });
    const format = formatOption(values.format, ['text', 'json'] as const, 'text');
    const [image, ...command] = positionals;
    if (!image) throw new CliUsageError('run takes an IMAGE.');
    const timeoutSeconds = values.timeout === undefined ? 30 : Number(values.timeout);
    if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 600) throw new CliUsageError('--timeout must be 1..600 seconds.');
    try {
      const result = await ctx.run('image.run', { image, command: command.length > 0 ? command : ['id'], timeoutSeconds });
      if (format === 'json') writeJson(ctx, { ok: true, ...result });
      else {
        ctx.io.stdout.write(result.output.endsWith('\n') || result.output === '' ? result.output : `${result.output}\n`);
        if (result.timedOut) ctx.io.stderr.write(`certdesk: stopped after ${timeoutSeconds} s.\n`);
      }
      return result.exitCode === 0 && !result.timedOut ? Exit.Ok : Exit.Failed;
    } catch (err) {
      return reportJobError(ctx, err, format);
    }
  },
};
