import type { InputOf, OutputOf, ParsedInputOf } from './define-call';
import { engineCalls } from './engine';
import { imagesCalls } from './images';
import { lintCalls } from './lint';
import { operationCalls } from './operations';
import { projectsCalls } from './projects';
import { scanCalls } from './scan';
import { secretsCalls } from './secrets';

/** Every call the UI (or the bridge, or the CLI) can make: one entry each, `domain.method`. */
export const calls = {
  ...engineCalls,
  ...operationCalls,
  ...lintCalls,
  ...scanCalls,
  ...imagesCalls,
  ...secretsCalls,
  ...projectsCalls,
};

export type Calls = typeof calls;
export type CallName = keyof Calls & string;
export type CallInput<K extends CallName> = InputOf<Calls[K]>;
export type CallParsedInput<K extends CallName> = ParsedInputOf<Calls[K]>;
export type CallOutput<K extends CallName> = OutputOf<Calls[K]>;

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}
