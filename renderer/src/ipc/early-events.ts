import type { OperationEvent } from '@shared/contract/operation';

/**
 * Operation events that arrive while a start call is still in flight, before its answer names the
 * operation: kept so nothing of it is lost, then handed over by id. Other work may be streaming
 * meanwhile, so the log lines kept are bounded (oldest log events go first; progress and `done`
 * events are small and always kept, so no spinner can miss its end). A dropped line is still in
 * the build log on disk.
 */
export class EarlyEvents {
  private events: OperationEvent[] = [];
  private lines = 0;

  constructor(private readonly maxLines = 20_000) {}

  add(event: OperationEvent): void {
    this.events.push(event);
    if (event.kind !== 'log') return;
    this.lines += event.lines.length;
    while (this.lines > this.maxLines) {
      const oldest = this.events.findIndex((e) => e.kind === 'log');
      const [dropped] = this.events.splice(oldest, 1);
      if (dropped?.kind === 'log') this.lines -= dropped.lines.length;
    }
  }

  /** The kept events of `operationId`, in order; everything else is forgotten. */
  take(operationId: string): OperationEvent[] {
    const mine = this.events.filter((e) => e.operationId === operationId);
    this.clear();
    return mine;
  }

  clear(): void {
    this.events = [];
    this.lines = 0;
  }
}
