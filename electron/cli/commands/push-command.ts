import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { OperationEvent } from '@shared/contract/operation';
import { parseTarget } from '@shared/registry/registry-targets';
import { stripAnsi } from '@shared/text/ansi';
import { CliUsageError, Exit, type CliContext } from '../cli-context';
import { formatOption, parseCommandArgs, writeJson, type CliCommand } from '../cli-command';

/** Refusals (exit 1): the registry or the rules said no. Anything else that fails is exit 2. */
const REFUSED: ReadonlySet<string> = new Set([
  ErrorCode.RegistryUnauthorized,
  ErrorCode.RegistryDenied,
  ErrorCode.RegistryNameUnknown,
  ErrorCode.WrongEndpoint,
  ErrorCode.InvalidTag,
  ErrorCode.KeyInvalid,
  ErrorCode.SecretNotFound,
  ErrorCode.BuildFailed,
]);

/** Prints an image job's events docker-style: log lines as they come, one progress line on a TTY. */
export function imageEventPrinter(ctx: CliContext, format: 'text' | 'json'): (event: OperationEvent) => void {
  let progressShown = false;
  const clearProgress = () => {
    if (progressShown) ctx.io.stderr.write('\r\x1b[K');
    progressShown = false;
  };
  return (event) => {
    if (format === 'json') return;
    if (event.kind === 'log') {
      clearProgress();
      const text = event.lines.join('\n');
      // The engine's colours go to a terminal only; a pipe or a CI log gets the words.
      ctx.io.stdout.write(`${ctx.io.color ? text : stripAnsi(text)}\n`);
    } else if (event.kind === 'progress' && ctx.io.isTTY && event.message) {
      ctx.io.stderr.write(`\r\x1b[K${event.fraction !== undefined ? `${Math.round(event.fraction * 100)}% ` : ''}${event.message}`);
      progressShown = true;
    } else if (event.kind === 'error') {
      clearProgress();
      ctx.io.stderr.write(`${ctx.io.color ? '\x1b[33m' : ''}${event.error.message}${ctx.io.color ? '\x1b[0m' : ''}\n`);
    } else if (event.kind === 'done') {
      clearProgress();
    }
  };
}

/** Reports a failed job the same way for every image command, and picks the exit code. */
export function reportJobError(ctx: CliContext, err: unknown, format: 'text' | 'json'): number {
  if (!(err instanceof AppError)) throw err;
  const refused = REFUSED.has(err.code);
  if (format === 'json') writeJson(ctx, { ok: false, error: err.toShape() });
  else ctx.io.stderr.write(`certdesk: ${err.message}\n${err.hint ? `${err.hint}\n` : ''}`);
  if (err.code === ErrorCode.Cancelled) return Exit.Error;
  return refused ? Exit.Failed : Exit.Error;
}

export const pushCommand: CliCommand = {
  name: 'push',
  summary: 'Push an image to REGISTRY/PID/NAME:TAG with the stored registry key',
  usage: 'certdesk push SOURCE REGISTRY/PID/NAME:TAG [--force] [--retries N] [--project PROJECT] [--format text|json]',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(argv, { format: { type: 'string' }, force: { type: 'boolean' }, retries: { type: 'string' }, project: { type: 'string' } });
    const format = formatOption(values.format, ['text', 'json'] as const, 'text');
    if (positionals.length !== 2) throw new CliUsageError('push takes SOURCE and TARGET.');
    const [source, targetText] = positionals as [string, string];
    const parsed = parseTarget(targetText);
    if (!parsed.ok) {
      return reportJobError(ctx, new AppError(/tag/i.test(parsed.error) ? ErrorCode.InvalidTag : ErrorCode.InvalidInput, parsed.error, { hint: 'TARGET is REGISTRY/PID/NAME:TAG.' }), format);
    }
    const retries = values.retries === undefined ? 3 : Number(values.retries);
    if (!Number.isInteger(retries) || retries < 0 || retries > 10) throw new CliUsageError('--retries must be 0..10.');
    try {
      const result = await ctx.run('image.push', { source, target: parsed.target, force: values.force ?? false, retries, ...(values.project ? { projectId: values.project } : {}) }, imageEventPrinter(ctx, format));
      if (format === 'json') writeJson(ctx, { ok: true, ...result });
      else ctx.io.stdout.write(`${result.reference}: digest: ${result.digest} (engine ${result.engineHost})\n`);
      return Exit.Ok;
    } catch (err) {
      return reportJobError(ctx, err, format);
    }
  },
};
