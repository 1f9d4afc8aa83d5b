import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Long-running doors (the desktop app, `certdesk serve`) must not die from one stray stream error
 * or forgotten promise in a background job: that would lose every other job and the user's page.
 * Such errors are logged (never with request payloads, so no secret can land there) and the process
 * keeps serving. Handlers themselves never throw across a door; this is the net below them.
 */
export function installProcessErrorGuard(logsDir: string, report: (line: string) => void = () => undefined): () => void {
  const log = (kind: string, err: unknown) => {
    const text = err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err);
    const line = `${new Date().toISOString()} ${kind} ${text}\n`;
    try {
      mkdirSync(logsDir, { recursive: true, mode: 0o700 });
      appendFileSync(join(logsDir, 'errors.log'), line, { mode: 0o600 });
    } catch {
      // Logging must never be the thing that crashes.
    }
    report(`${kind}: ${err instanceof Error ? err.message : String(err)}`);
  };
  const onRejection = (reason: unknown) => log('unhandled rejection', reason);
  const onException = (err: Error) => log('uncaught exception', err);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
