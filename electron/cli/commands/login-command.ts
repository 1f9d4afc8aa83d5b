import { Exit } from '../cli-context';
import { CliUsageError } from '../cli-context';
import { formatOption, parseCommandArgs, writeJson, type CliCommand } from '../cli-command';
import { reportJobError } from './push-command';

const MAX_KEY_BYTES = 16 * 1024;

export const loginCommand: CliCommand = {
  name: 'login',
  summary: 'Test a registry key (read from stdin) against the registry and store it in the keychain',
  usage: 'certdesk login REGISTRY [--username unused] [--project PID] [--ca FILE] [--no-store] [--force] [--format text|json]  < key',
  async run(argv, ctx) {
    const { values, positionals } = parseCommandArgs(argv, {
      format: { type: 'string' },
      username: { type: 'string', short: 'u' },
      project: { type: 'string' },
      ca: { type: 'string' },
      'no-store': { type: 'boolean' },
      force: { type: 'boolean' },
      'password-stdin': { type: 'boolean' },
    });
    const format = formatOption(values.format, ['text', 'json'] as const, 'text');
    if (positionals.length !== 1) throw new CliUsageError('login takes one REGISTRY (e.g. scan.connect.redhat.com).');
    if (ctx.io.isTTY) ctx.io.stderr.write('Paste the registry key, then press Enter (Ctrl-D to finish if it spans lines):\n');
    const key = await readKey(ctx.io.stdin, ctx.io.isTTY);
    if (key.trim() === '') throw new CliUsageError('No registry key on stdin.');
    try {
      const result = await ctx.call('registry.login', {
        registry: positionals[0] as string,
        username: values.username ?? 'unused',
        key,
        store: !values['no-store'],
        force: values.force ?? false,
        ...(values.project ? { projectId: values.project } : {}),
        ...(values.ca ? { caFile: values.ca } : {}),
      });
      if (format === 'json') writeJson(ctx, { ok: true, ...result });
      else {
        ctx.io.stdout.write(`${result.cleaning.description}\n`);
        ctx.io.stdout.write(`Login Succeeded: ${result.registry}${result.projectId ? ` (project ${result.projectId})` : ''} accepted the key (${result.method}).\n`);
        if (result.engineCheck) ctx.io.stdout.write(`Engine check: ${result.engineCheck.ok ? 'accepted' : result.engineCheck.message}\n`);
        ctx.io.stdout.write(result.stored ? `Stored in the keychain as ${result.keyName}; nothing written to ~/.docker/config.json.\n` : 'Not stored (--no-store).\n');
      }
      return Exit.Ok;
    } catch (err) {
      return reportJobError(ctx, err, format);
    }
  },
};

/** Reads the key: everything until EOF, or the first line on a terminal. Never echoed back. */
function readKey(stdin: NodeJS.ReadableStream, tty: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = () => {
      stdin.removeListener('data', onData);
      stdin.removeListener('end', finish);
      stdin.removeListener('error', reject);
      (stdin as NodeJS.ReadableStream & { pause?: () => void }).pause?.();
      resolve(text);
    };
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      if (text.length > MAX_KEY_BYTES) return reject(new CliUsageError('That is too long to be a registry key.'));
      if (tty && text.includes('\n')) finish();
    };
    stdin.on('data', onData);
    stdin.once('end', finish);
    stdin.once('error', reject);
    (stdin as NodeJS.ReadableStream & { resume?: () => void }).resume?.();
  });
}
