import { randomUUID } from 'node:crypto';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode, type AppErrorShape } from '@shared/contract/error-codes';
import type { OperationEvent, ProgressItem } from '@shared/contract/operation';
import type { OperationSummary } from '@shared/contract/operations';
import type { EventSink } from '../../ipc/call-context';

/** What long work sees of itself: its signal and the ways to report. */
export interface OperationHandle {
  readonly id: string;
  readonly signal: AbortSignal;
  log(lines: string | string[]): void;
  progress(update: { fraction?: number; message?: string; items?: ProgressItem[]; stats?: Record<string, number | string> }): void;
  /** A failure the work recovers from (a retried layer): shown, not final. */
  warn(error: AppErrorShape, retrying: boolean): void;
}

export type OperationOutcome<T> = { ok: true; result: T } | { ok: false; error: AppErrorShape };

interface Running {
  summary: OperationSummary;
  controller: AbortController;
}

/** Events are batched so a chatty build does not flood the window: one flush per frame (~16 ms). */
const FLUSH_MS = 16;
/** Past this many buffered lines a flush happens at once, so memory stays bounded. */
const MAX_BUFFERED_LINES = 2000;
const FINISHED_KEPT = 50;

export class OperationRegistry {
  private readonly running = new Map<string, Running>();
  private readonly finished: OperationSummary[] = [];

  start<T>(
    kind: string,
    title: string,
    emit: EventSink,
    work: (op: OperationHandle) => Promise<T>,
  ): { operationId: string; done: Promise<OperationOutcome<T>> } {
    const operationId = `op-${randomUUID()}`;
    const controller = new AbortController();
    const summary: OperationSummary = { operationId, kind, title, startedAt: new Date().toISOString(), state: 'running' };
    this.running.set(operationId, { summary, controller });

    let lines: string[] = [];
    let pendingProgress: Extract<OperationEvent, { kind: 'progress' }> | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const send = (event: OperationEvent) => {
      try {
        emit('operation', event);
      } catch {
        // A window that went away must not fail the work it started.
      }
    };
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (lines.length > 0) {
        send({ operationId, kind: 'log', lines });
        lines = [];
      }
      if (pendingProgress) {
        send(pendingProgress);
        pendingProgress = undefined;
      }
    };
    const schedule = () => {
      timer ??= setTimeout(flush, FLUSH_MS);
    };

    const handle: OperationHandle = {
      id: operationId,
      signal: controller.signal,
      log(more) {
        if (Array.isArray(more)) {
          for (const line of more) lines.push(line);
        } else {
          lines.push(more);
        }
        if (lines.length >= MAX_BUFFERED_LINES) flush();
        else schedule();
      },
      progress(update) {
        pendingProgress = { operationId, kind: 'progress', ...update };
        schedule();
      },
      warn(error, retrying) {
        flush();
        send({ operationId, kind: 'error', error, retrying });
      },
    };

    const done = (async (): Promise<OperationOutcome<T>> => {
      try {
        const result = await work(handle);
        if (controller.signal.aborted) throw cancelledError();
        flush();
        summary.state = 'succeeded';
        send({ operationId, kind: 'done', ok: true, result });
        return { ok: true, result };
      } catch (err) {
        flush();
        const error = controller.signal.aborted ? cancelledError().toShape() : toErrorShape(err);
        summary.state = error.code === ErrorCode.Cancelled ? 'cancelled' : 'failed';
        send({ operationId, kind: 'done', ok: false, error });
        return { ok: false, error };
      } finally {
        this.running.delete(operationId);
        this.finished.unshift(summary);
        this.finished.length = Math.min(this.finished.length, FINISHED_KEPT);
      }
    })();
    return { operationId, done };
  }

  cancel(operationId: string): boolean {
    const entry = this.running.get(operationId);
    if (!entry) return false;
    entry.controller.abort(cancelledError());
    return true;
  }

  list(): OperationSummary[] {
    return [...[...this.running.values()].map((r) => r.summary), ...this.finished];
  }

  dispose(): void {
    for (const entry of this.running.values()) entry.controller.abort(cancelledError());
  }
}

function cancelledError(): AppError {
  return new AppError(ErrorCode.Cancelled, 'Cancelled.');
}

export function toErrorShape(err: unknown): AppErrorShape {
  if (err instanceof AppError) return err.toShape();
  return { code: ErrorCode.Internal, message: err instanceof Error ? err.message : String(err) };
}
