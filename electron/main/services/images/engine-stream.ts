import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';

/**
 * Reads the engine's newline-delimited JSON stream (build, push, pull). Resolves when the engine
 * ends it; rejects when the connection breaks (the engine went away) or `signal` aborts. Error
 * lines inside the stream are passed on like any event: the caller decides (a 200 can still fail).
 */
export function readJsonLines<T>(stream: NodeJS.ReadableStream, onEvent: (event: T) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    let pending = '';
    let settled = false;
    const settle = (err?: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const onAbort = () => {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      settle(new AppError(ErrorCode.Cancelled, 'Cancelled.'));
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const handleLine = (line: string) => {
      const t = line.trim();
      if (!t) return;
      let parsed: T;
      try {
        parsed = JSON.parse(t) as T;
      } catch {
        parsed = { stream: `${t}\n` } as T;
      }
      onEvent(parsed);
    };
    stream.on('data', (chunk: Buffer | string) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) handleLine(line);
    });
    stream.on('end', () => {
      handleLine(pending);
      settle();
    });
    stream.on('error', (err: Error) => settle(signal?.aborted ? new AppError(ErrorCode.Cancelled, 'Cancelled.') : err));
    // Closed without `end`: the connection broke mid-stream.
    stream.on('close', () => settle(signal?.aborted ? new AppError(ErrorCode.Cancelled, 'Cancelled.') : Object.assign(new Error('The engine closed the stream before the job finished (socket hang up).'), { code: 'ECONNRESET' })));
  });
}

/** Sleeps, unless cancelled first. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AppError(ErrorCode.Cancelled, 'Cancelled.'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AppError(ErrorCode.Cancelled, 'Cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** What a second run keeps of the first one's work. */
const AGAIN: Record<string, string> = { push: '; layers already uploaded are skipped', pull: '; layers already downloaded are kept' };

/** A stream-level failure: the connection to the engine itself, not an error line inside it. */
export function engineGone(host: string | undefined, what: string, err: unknown): AppError {
  const detail = err instanceof Error ? err.message : String(err);
  return new AppError(ErrorCode.EngineUnreachable, `The container engine${host ? ` at ${host}` : ''} went away during the ${what} (${detail}).`, {
    hint: `Start the engine again: CertDesk reconnects by itself (the Engine page shows what it tries). Then run the ${what} again${AGAIN[what] ?? ''}.`,
    cause: err,
  });
}
