import { startLoopbackServer } from '../../serve/loopback-server';
import { createHandlerTable } from '../../main/ipc/handler-table';
import { installProcessErrorGuard } from '../../main/process-error-guard';
import { rendererDir } from '../../main/services/bundle-paths';
import { CliUsageError, Exit } from '../cli-context';
import { parseCommandArgs, type CliCommand } from '../cli-command';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Serve the app on 127.0.0.1 for a browser (no desktop needed)',
  usage: 'certdesk serve [--port N]',
  async run(argv, ctx) {
    const { values } = parseCommandArgs(argv, { port: { type: 'string' } }, false);
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliUsageError('--port takes a number from 0 to 65535.');
    const removeGuard = installProcessErrorGuard(ctx.services.paths.logsDir, (line) => ctx.io.stderr.write(`certdesk serve: ${line}\n`));
    const server = await startLoopbackServer({
      table: createHandlerTable(ctx.services),
      rendererDir: rendererDir(),
      port,
      onInternalError: (err) => ctx.io.stderr.write(`internal error: ${err instanceof Error ? err.stack : String(err)}\n`),
    });
    // The URL carries the token: printed once, to the person who started the server.
    ctx.io.stdout.write(`CertDesk is serving on ${server.url}\nOpen that address in a browser on this machine. Ctrl-C stops it.\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    removeGuard();
    return Exit.Ok;
  },
};
