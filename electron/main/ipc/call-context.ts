import type { EventMap, EventName } from '@shared/contract/events';

/** Sends an event to the one client that made the call, never to everyone. */
export type EventSink = <E extends EventName>(event: E, payload: EventMap[E]) => void;

export interface CallContext {
  door: 'ipc' | 'loopback' | 'cli';
  emit: EventSink;
}
