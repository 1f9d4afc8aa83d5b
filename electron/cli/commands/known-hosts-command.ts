import type { KnownHostInfo } from '@shared/contract/secrets';
import { parseHostArgument } from '../../main/services/repo-check/known-hosts';
import { CliUsageError, Exit } from '../cli-context';
import { formatOption, parseCommandArgs, writeJson, type CliCommand } from '../cli-command';

/**
 * The host keys CertDesk pinned on first use (git hosts and ssh:// engines). `forget` is the way past
 * a refused, changed host key once its owner confirmed the change: the next check asks again.
 */
export const knownHostsCommand: CliCommand = {
  name: 'known-hosts',
  summary: 'List the pinned SSH host keys of git hosts and build engines, or forget one',
  usage: 'certdesk known-hosts list [--format text|json]\n       certdesk known-hosts forget HOST[:PORT] [--format text|json]',
  async run(argv, ctx) {
    const [action, ...rest] = argv;
    const { values, positionals } = parseCommandArgs(rest, { format: { type: 'string' } });
    const format = formatOption(values.format, ['text', 'json'] as const, 'text');
    if (action === 'list') {
      if (positionals.length > 0) throw new CliUsageError('list takes no host.');
      const hosts = await ctx.call('repo.knownHosts', {});
      if (format === 'json') writeJson(ctx, hosts);
      else ctx.io.stdout.write(describeList(hosts));
      return Exit.Ok;
    }
    if (action === 'forget') {
      if (positionals.length !== 1) throw new CliUsageError('Give exactly one host: HOST, HOST:PORT or [HOST]:PORT.');
      const target = parseHostArgument(positionals[0] as string);
      if (!target) throw new CliUsageError(`Not a host: ${JSON.stringify((positionals[0] as string).slice(0, 60))}. Give HOST, HOST:PORT or [HOST]:PORT.`);
      const { forgotten } = await ctx.call('repo.forgetHost', { host: target.host, port: target.port });
      if (format === 'json') writeJson(ctx, { entry: target.entry, forgotten });
      else if (forgotten) ctx.io.stdout.write(`Forgot ${forgotten.entry} (${forgotten.algorithm} ${forgotten.fingerprint}). The next connection asks to accept its key again.\n`);
      else ctx.io.stderr.write(`${target.entry} is not a known host. \`certdesk known-hosts list\` shows the known ones.\n`);
      return forgotten ? Exit.Ok : Exit.Failed;
    }
    throw new CliUsageError(action ? `Unknown action ${action}.` : 'Say what to do: list or forget.');
  },
};

function describeList(hosts: KnownHostInfo[]): string {
  if (hosts.length === 0) return 'No known hosts yet.\n';
  const width = Math.max(4, ...hosts.map((h) => h.entry.length));
  const rows = hosts.map((h) => `${h.entry.padEnd(width)}  ${h.algorithm.padEnd(20)} ${h.fingerprint.padEnd(52)} ${h.addedAt}`);
  return `${'HOST'.padEnd(width)}  ${'ALGORITHM'.padEnd(20)} ${'FINGERPRINT'.padEnd(52)} ADDED\n${rows.join('\n')}\n`;
}
