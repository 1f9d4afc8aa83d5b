import { z } from 'zod';
import { defineCall } from './define-call';
import { OperationIdSchema } from './operation';

export interface OperationSummary {
  operationId: string;
  kind: string;
  title: string;
  startedAt: string;
  state: 'running' | 'succeeded' | 'failed' | 'cancelled';
}

export const operationCalls = {
  'operation.cancel': defineCall(z.object({ operationId: OperationIdSchema }).strict()).returns<{ cancelled: boolean }>(),
  'operation.list': defineCall(z.object({}).strict()).returns<OperationSummary[]>(),
};
