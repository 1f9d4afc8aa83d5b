import type { DeployKeyInfo } from '@shared/contract/secrets';
import { Exit } from '../cli-context';
import { formatOption, parseCommandArgs, writeJson, type CliCommand } from '../cli-command';
import { CliUsageError } from '../cli-context';

export const keygenCommand: CliCommand = {
  name: 'keygen',
  summary: 'Generate an RSA deploy key for the build service (stored in the OS keychain)',
  usage: 'certdesk keygen --project P [--bits 4096|3072] [--format text|json]',
  async run(argv, ctx) {
    const { values } = parseCommandArgs(argv, { project: { type: 'string' }, bits: { type: 'string' }, format: { type: 'string' } }, false);
    const format = formatOption(values.format, ['text', 'json'] as const, 'text');
    if (!values.project) throw new CliUsageError('--project is required.');
    const bits = values.bits === undefined ? 4096 : Number(values.bits);
    if (bits !== 4096 && bits !== 3072) throw new CliUsageError('--bits must be 4096 or 3072.');
    if (ctx.io.isTTY && format === 'text') ctx.io.stderr.write(`Generating an RSA ${bits}-bit key…\n`);
    const key = await ctx.run('keys.generate', { project: values.project, bits });
    if (format === 'json') writeJson(ctx, { id: key.id, publicKey: key.publicKey, fingerprint: key.fingerprint });
    else ctx.io.stdout.write(describeKey(key));
    return Exit.Ok;
  },
};

export function describeKey(key: DeployKeyInfo): string {
  return [
    `Key id:       ${key.id}`,
    `Project:      ${key.project}`,
    `Type:         RSA ${key.bits} (${key.origin})`,
    `Fingerprint:  ${key.fingerprint}`,
    `Stored in:    ${key.storage === 'session' ? 'memory, this session only' : 'OS keychain'}`,
    `Created:      ${key.createdAt}`,
    'Public key (add it to the repository as a read-only deploy key):',
    key.publicKey,
    '',
  ].join('\n');
}
