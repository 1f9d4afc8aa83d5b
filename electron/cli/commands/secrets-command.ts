import type { SecretInfo } from '@shared/contract/secrets';
import { CliUsageError, Exit } from '../cli-context';
import { formatOption, parseCommandArgs, writeJson, type CliCommand } from '../cli-command';

export const secretsCommand: CliCommand = {
  name: 'secrets',
  summary: 'List stored secrets (names and fingerprints, never values) and the keychain status',
  usage: 'certdesk secrets list|status [--format text|json]\n       certdesk secrets delete-project PROJECT',
  async run(argv, ctx) {
    const [action, ...rest] = argv;
    const { values, positionals } = parseCommandArgs(rest, { format: { type: 'string' } });
    const format = formatOption(values.format, ['text', 'json'] as const, 'text');
    if (action === 'list') {
      const list = await ctx.call('secrets.list', {});
      if (format === 'json') writeJson(ctx, list);
      else ctx.io.stdout.write(describeList(list));
      return Exit.Ok;
    }
    if (action === 'status') {
      const status = await ctx.call('secrets.status', {});
      if (format === 'json') writeJson(ctx, status);
      else ctx.io.stdout.write(status.available ? `Keychain: ${status.backend}, available.\n` : `Keychain: ${status.backend}, NOT available. ${status.message ?? ''}\n${status.hint ?? ''}\n`);
      return status.available ? Exit.Ok : Exit.Failed;
    }
    if (action === 'delete-project') {
      if (positionals.length !== 1) throw new CliUsageError('Give exactly one project id.');
      const { deleted } = await ctx.call('secrets.deleteProject', { project: positionals[0] as string });
      if (format === 'json') writeJson(ctx, { deleted });
      else ctx.io.stdout.write(deleted.length > 0 ? `Deleted ${deleted.join(', ')}.\n` : 'Nothing stored for that project.\n');
      return Exit.Ok;
    }
    throw new CliUsageError(action ? `Unknown action ${action}.` : 'Say what to do: list, status or delete-project.');
  },
};

function describeList(list: SecretInfo[]): string {
  if (list.length === 0) return 'No secrets stored.\n';
  const rows = list.map((s) => `${s.name.padEnd(40)} ${s.fingerprint.padEnd(52)} ${s.storage.padEnd(8)} ${s.updatedAt}`);
  return `${'NAME'.padEnd(40)} ${'FINGERPRINT'.padEnd(52)} ${'STORAGE'.padEnd(8)} UPDATED\n${rows.join('\n')}\n`;
}
