import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorShape, CallResult } from '@shared/contract/error-codes';

export interface CallState<T> {
  data: T | undefined;
  error: AppErrorShape | undefined;
  loading: boolean;
  reload: () => void;
}

/** Runs a call on mount (and on `reload`), optionally polling; never leaves a spinner after the answer. */
export function useCall<T>(run: () => Promise<CallResult<T>>, options: { pollMs?: number } = {}): CallState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<AppErrorShape>();
  const [loading, setLoading] = useState(true);
  const runRef = useRef(run);
  runRef.current = run;
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    void runRef.current().then((result) => {
      if (!live) return;
      if (result.ok) {
        setData(result.data);
        setError(undefined);
      } else {
        setError(result.error);
      }
      setLoading(false);
    });
    return () => {
      live = false;
    };
  }, [tick]);

  useEffect(() => {
    if (!options.pollMs) return;
    const timer = setInterval(() => setTick((t) => t + 1), options.pollMs);
    return () => clearInterval(timer);
  }, [options.pollMs]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading, reload };
}
