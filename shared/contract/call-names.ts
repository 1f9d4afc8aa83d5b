import { calls, type CallName } from './calls';

/** The call names alone, for the preload and the bridge client (which need no schemas at run time). */
export const callNames = Object.keys(calls) as CallName[];
