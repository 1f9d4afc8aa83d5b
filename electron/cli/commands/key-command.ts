import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import { CliUsageError, Exit, type CliContext } from '../cli-context';
import { formatOption, parseCommandArgs, writeJson, type CliCommand } from '../cli-command';
import { describeKey } from './keygen-command';

const USAGE = [
  'certdesk key show ID [--format text|json]',
  'certdesk key export ID [--out FILE]        prints the private PEM (an explicit act), or writes FILE with mode 0600',
  'certdesk key import --project P [FILE|-] [--passphrase-stdin] [--format text|json]   reads FILE, or stdin when FILE is - or absent',
  'certdesk key delete ID',
].join('\n       ');

export const keyCommand: CliCommand = {
  name: 'key',
  summary: 'Show, export, import or delete a deploy key',
  usage: USAGE,
  async run(argv, ctx) {
    const [action, ...rest] = argv;
    switch (action) {
      case 'show':
        return show(rest, ctx);
      case 'export':
        return exportKey(rest, ctx);
      case 'import':
        return importKey(rest, ctx);
      case 'delete':
        return remove(rest, ctx);
      default:
        throw new CliUsageError(action ? `Unknown action ${action}.` : 'Say what to do: show, export, import or delete.');
    }
  },
};

async function show(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { format: { type: 'string' } });
  const format = formatOption(values.format, ['text', 'json'] as const, 'text');
  const key = await ctx.call('keys.show', { id: oneId(positionals) });
  if (format === 'json') writeJson(ctx, key);
  else ctx.io.stdout.write(describeKey(key));
  return Exit.Ok;
}

async function exportKey(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { out: { type: 'string' } });
  const id = oneId(positionals);
  if (values.out) {
    const result = await ctx.call('keys.export', { id, to: 'file', path: resolve(values.out) });
    ctx.io.stderr.write(`Wrote the private key of ${id} to ${result.path ?? values.out} (mode 0600). Keep it out of repositories and chats.\n`);
    return Exit.Ok;
  }
  const result = await ctx.call('keys.export', { id, to: 'return' });
  if (ctx.io.isTTY) ctx.io.stderr.write('Private key follows: paste it into the build service form only.\n');
  ctx.io.stdout.write(result.pem ?? '');
  return Exit.Ok;
}

async function importKey(argv: string[], ctx: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    project: { type: 'string' },
    'passphrase-stdin': { type: 'boolean' },
    format: { type: 'string' },
  });
  const format = formatOption(values.format, ['text', 'json'] as const, 'text');
  if (!values.project) throw new CliUsageError('--project is required.');
  if (positionals.length > 1) throw new CliUsageError('Give at most one file.');
  const source = positionals[0] ?? '-';
  if (source === '-' && values['passphrase-stdin']) throw new CliUsageError('--passphrase-stdin needs the key from a file, not stdin.');
  let text: string;
  try {
    text = source === '-' ? await readAll(ctx.io.stdin) : await readFile(resolve(source), 'utf8');
  } catch (err) {
    throw new AppError(ErrorCode.FileUnreadable, `Could not read ${source}: ${(err as Error).message}`);
  }
  const passphrase = values['passphrase-stdin'] ? (await readAll(ctx.io.stdin)).replace(/\r?\n$/, '') : undefined;
  const key = await ctx.call('keys.import', { project: values.project, key: text, ...(passphrase !== undefined ? { passphrase } : {}) });
  if (format === 'json') writeJson(ctx, { id: key.id, publicKey: key.publicKey, fingerprint: key.fingerprint });
  else ctx.io.stdout.write(describeKey(key));
  return Exit.Ok;
}

async function remove(argv: string[], ctx: CliContext): Promise<number> {
  const { positionals } = parseCommandArgs(argv, {});
  const id = oneId(positionals);
  const { deleted } = await ctx.call('keys.delete', { id });
  ctx.io.stdout.write(deleted ? `Deleted deploy key ${id}.\n` : `No deploy key ${id}.\n`);
  return deleted ? Exit.Ok : Exit.Failed;
}

function oneId(positionals: string[]): string {
  if (positionals.length !== 1) throw new CliUsageError('Give exactly one key id.');
  return positionals[0] as string;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
