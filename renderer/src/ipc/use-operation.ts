import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorShape, CallResult } from '@shared/contract/error-codes';
import type { OperationEvent, OperationStarted, ProgressItem } from '@shared/contract/operation';
import { certdesk } from './certdesk';
import { EarlyEvents } from './early-events';

export interface OperationState<R> {
  operationId?: string;
  running: boolean;
  startedAt?: number;
  message?: string;
  fraction?: number;
  items: ProgressItem[];
  stats: Record<string, number | string>;
  warnings: AppErrorShape[];
  result?: R;
  error?: AppErrorShape;
}

const idle = <R,>(): OperationState<R> => ({ running: false, items: [], stats: {}, warnings: [] });

/**
 * Starts long work and follows its events until `done`. Events that arrive while the start call
 * is in flight are kept and replayed once it names the operation, so nothing is lost; at any other
 * time other operations' events are ignored, not kept. `running` ends with `done` (or a refused
 * start), so no spinner outlives the operation.
 */
export function useOperation<R>(onLines?: (lines: string[]) => void) {
  const [state, setState] = useState<OperationState<R>>(idle);
  const current = useRef<string | undefined>(undefined);
  const starting = useRef(false);
  const early = useRef(new EarlyEvents());
  const linesRef = useRef(onLines);
  linesRef.current = onLines;

  const apply = useCallback((e: OperationEvent) => {
    if (e.kind === 'log') {
      linesRef.current?.(e.lines);
      return;
    }
    setState((s) => {
      switch (e.kind) {
        case 'progress':
          return { ...s, items: e.items ?? s.items, stats: e.stats ?? s.stats, ...(e.message !== undefined ? { message: e.message } : {}), ...(e.fraction !== undefined ? { fraction: e.fraction } : {}) };
        case 'error':
          return { ...s, warnings: [...s.warnings, e.error].slice(-5) };
        case 'done':
          return e.ok ? { ...s, running: false, result: e.result as R, fraction: 1 } : { ...s, running: false, error: e.error };
      }
    });
  }, []);

  useEffect(
    () =>
      certdesk.on('operation', (e) => {
        if (e.operationId === current.current) apply(e);
        else if (starting.current) early.current.add(e);
      }),
    [apply],
  );

  const start = useCallback(
    async (call: () => Promise<CallResult<OperationStarted>>) => {
      current.current = undefined;
      early.current.clear();
      starting.current = true;
      setState({ ...idle<R>(), running: true, startedAt: Date.now() });
      let answer: CallResult<OperationStarted>;
      try {
        answer = await call();
      } finally {
        starting.current = false;
      }
      if (!answer.ok) {
        early.current.clear();
        setState((s) => ({ ...s, running: false, error: answer.error }));
        return;
      }
      current.current = answer.data.operationId;
      setState((s) => ({ ...s, operationId: answer.data.operationId }));
      for (const e of early.current.take(answer.data.operationId)) apply(e);
    },
    [apply],
  );

  const cancel = useCallback(() => {
    if (current.current) void certdesk.operation.cancel({ operationId: current.current });
  }, []);

  return { state, start, cancel };
}

/** Ticks once a second while `on`, for elapsed-time displays. */
export function useNow(on: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [on]);
  return now;
}
