import type { z } from 'zod';

/** One entry of the contract: the input schema, and the output type carried as a phantom. */
export interface CallDef<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  /** Long calls return an operation id and finish with a `done` event carrying this result type. */
  readonly operation: boolean;
  readonly __output?: O;
}

export function defineCall<I extends z.ZodType>(input: I) {
  return {
    returns<O>(): CallDef<I, O> & { readonly operation: false } {
      return { input, operation: false };
    },
    /** The call starts long work: its direct answer is `{operationId}`; `O` is what `done` carries. */
    // The literal `true` is what lets DirectOutput answer `{operationId}` for these calls.
    startsOperation<O>(): CallDef<I, O> & { readonly operation: true } {
      return { input, operation: true };
    },
  };
}

export type CallDefs = Record<string, CallDef>;
export type InputOf<D> = D extends CallDef<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<D> = D extends CallDef<infer I, unknown> ? z.output<I> : never;
export type OutputOf<D> = D extends CallDef<z.ZodType, infer O> ? O : never;
