import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliContext } from './cli-context';
import { CliUsageError } from './cli-context';

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], ctx: CliContext): Promise<number>;
}

export type OutputFormat = 'text' | 'json';

/** parseArgs with usage errors turned into CliUsageError (exit 2 with the command's usage). */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    throw new CliUsageError(err instanceof Error ? err.message : String(err));
  }
}

export function formatOption<F extends string>(value: unknown, allowed: readonly F[], fallback: F): F {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as F;
  throw new CliUsageError(`--format must be one of ${allowed.join(', ')}.`);
}

export function writeJson(ctx: CliContext, value: unknown): void {
  ctx.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
