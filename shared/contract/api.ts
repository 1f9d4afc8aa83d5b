import type { CallInput, CallName, CallOutput, Calls } from './calls';
import type { CallResult } from './error-codes';
import type { EventMap, EventName } from './events';
import type { OperationStarted } from './operation';

type DomainOf<K> = K extends `${infer D}.${string}` ? D : never;

/** What a call answers directly: its output, or `{operationId}` for long work. */
export type DirectOutput<K extends CallName> = Calls[K] extends { operation: true } ? OperationStarted : CallOutput<K>;

/** The methods of one domain, e.g. `certdesk.engine.status({})`. */
export type DomainApi<D extends string> = {
  [K in CallName as K extends `${D}.${infer M}` ? M : never]: (input: CallInput<K>) => Promise<CallResult<DirectOutput<K>>>;
};

/**
 * `window.certdesk`: named, typed methods grouped by domain, and event subscriptions that
 * return an unsubscribe. The same shape whether it crosses Electron IPC or the loopback bridge.
 */
export type CertDeskApi = { [D in DomainOf<CallName>]: DomainApi<D> } & {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /** Which door the page talks through; for display only. */
  readonly transport: 'electron' | 'loopback';
};

/** Builds the nested method object from the flat call list (used by preload and by the bridge client). */
export function buildDomainMethods(
  names: readonly string[],
  invoke: (name: string, input: unknown) => Promise<CallResult<unknown>>,
): Record<string, Record<string, (input: unknown) => Promise<CallResult<unknown>>>> {
  const api: Record<string, Record<string, (input: unknown) => Promise<CallResult<unknown>>>> = {};
  for (const name of names) {
    const dot = name.indexOf('.');
    const domain = name.slice(0, dot);
    const method = name.slice(dot + 1);
    api[domain] ??= {};
    api[domain][method] = (input: unknown) => invoke(name, input ?? {});
  }
  return api;
}

export type { EventMap, EventName };
