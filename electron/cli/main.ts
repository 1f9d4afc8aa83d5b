import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import { createHandlerTable } from '../main/ipc/handler-table';
import { defaultDataDir } from '../main/services/app-paths';
import { createServices } from '../main/services/create-services';
import { CliContext, CliUsageError, Exit, type CliIo } from './cli-context';
import { commands } from './commands/index';

const VERSION = '0.1.0';

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `CertDesk ${VERSION}: Red Hat container certification for OpenStack plugins, offline.\n\nUsage: certdesk <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nEvery command takes --help. Exit codes: 0 done or passed, 1 a check failed or was refused, 2 usage or runtime error.\n`;
}

export async function runCli(argv: string[], io: CliIo, env: Record<string, string | undefined> = process.env): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(helpText());
    return name === undefined ? Exit.Error : Exit.Ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${VERSION}\n`);
    return Exit.Ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`certdesk: unknown command "${name}". Run \`certdesk --help\` for the list.\n`);
    return Exit.Error;
  }
  // Past `--` the words belong to the command run in a container (`run IMAGE -- echo --help`).
  const dashes = rest.indexOf('--');
  const own = dashes >= 0 ? rest.slice(0, dashes) : rest;
  if (own.includes('--help') || own.includes('-h')) {
    io.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return Exit.Ok;
  }
  const services = createServices({ dataDir: defaultDataDir(env), env });
  try {
    const ctx = new CliContext(services, createHandlerTable(services), io);
    return await command.run(rest, ctx);
  } catch (err) {
    return reportError(err, command.usage, io, wantsJson(own));
  } finally {
    services.dispose();
  }
}

/** `--format json` asked for: errors then go to stdout as JSON too, so a pipeline can always parse. */
function wantsJson(args: string[]): boolean {
  return args.some((a, i) => a === '--format=json' || (a === '--format' && args[i + 1] === 'json'));
}

function reportError(err: unknown, usage: string, io: CliIo, json: boolean): number {
  const error =
    err instanceof CliUsageError
      ? { code: ErrorCode.InvalidInput, message: err.message, hint: `Usage: ${usage}` }
      : err instanceof AppError
        ? err.toShape()
        : { code: ErrorCode.Internal, message: `unexpected error: ${err instanceof Error ? err.message : String(err)}` };
  if (json) io.stdout.write(`${JSON.stringify({ ok: false, error }, null, 2)}\n`);
  io.stderr.write(`certdesk: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
  return Exit.Error;
}
