import type { OperationEvent } from './operation';

/**
 * Every event main can push, always to the window that asked. Engine status is polled by the pages
 * that show it (a ping every few seconds), so the only pushed event is long work's progress.
 */
export interface EventMap {
  operation: OperationEvent;
}

export type EventName = keyof EventMap & string;
export const eventNames: readonly EventName[] = ['operation'];
