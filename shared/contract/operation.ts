import { z } from 'zod';
import type { AppErrorShape } from './error-codes';

/**
 * Long work (build, push, pull, scan, key generation) has one shape: the call returns an
 * operation id at once; progress arrives as `operation` events; the last event is `done`
 * carrying the result or the error; `operation.cancel` aborts it.
 */
export const OperationIdSchema = z.string().regex(/^op-[a-z0-9-]{4,64}$/, 'not an operation id');

export interface OperationStarted {
  operationId: string;
}

export interface ProgressItem {
  /** A layer id, a step number, a file: what this bar stands for. */
  id: string;
  label: string;
  current: number;
  total?: number;
  status?: string;
}

export type OperationEvent =
  | { operationId: string; kind: 'log'; lines: string[] }
  | {
      operationId: string;
      kind: 'progress';
      /** Overall completion 0..1 when known. */
      fraction?: number;
      message?: string;
      items?: ProgressItem[];
      /** Free-form figures the page shows (bytes, rate, step counter). */
      stats?: Record<string, number | string>;
    }
  | { operationId: string; kind: 'error'; error: AppErrorShape; retrying?: boolean }
  | { operationId: string; kind: 'done'; ok: true; result: unknown }
  | { operationId: string; kind: 'done'; ok: false; error: AppErrorShape };

export type OperationKind = 'build' | 'push' | 'pull' | 'scan' | 'keygen' | 'run' | 'check-repo' | 'import-vulns';
