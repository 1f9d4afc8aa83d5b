import type { EngineStatus } from './engine';
import type { OperationEvent } from './operation';

/** Every event main can push to the window that asked. */
export interface EventMap {
  operation: OperationEvent;
  'engine.changed': EngineStatus;
}

export type EventName = keyof EventMap & string;
export const eventNames: readonly EventName[] = ['operation', 'engine.changed'];
