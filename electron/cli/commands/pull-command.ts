import { Exit } from '../cli-context';
import { CliUsageError } from '../cli-context';
import { formatOption, parseCommandArgs, writeJson, type CliCommand } from '../cli-command';
import { imageEventPrinter, reportJobError } from './push-command';

export const pullCommand: CliCommand = {
  name: 'pull',
  summary: 'Pull an image (e.g. an unpublished one: REGISTRY/PID/partner-build-service:TAG or REGISTRY/PID/NAME:TAG)',
  usage: 'certdesk pull REFERENCE [--format text|json]',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(argv, { format: { type: 'string' } });
    const format = formatOption(values.format, ['text', 'json'] as const, 'text');
    if (positionals.length !== 1) throw new CliUsageError('pull takes one REFERENCE.');
    try {
      const result = await ctx.run('image.pull', { reference: positionals[0] as string }, imageEventPrinter(ctx, format));
      if (format === 'json') writeJson(ctx, { ok: true, ...result });
      else ctx.io.stdout.write(`${result.reference}${result.digest ? `: digest: ${result.digest}` : ''} (engine ${result.engineHost})\n`);
      return Exit.Ok;
    } catch (err) {
      return reportJobError(ctx, err, format);
    }
  },
};
