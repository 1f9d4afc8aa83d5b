import { describe, expect, it } from 'vitest';
import type { OperationEvent } from '@shared/contract/operation';
import { EarlyEvents } from './early-events';

const log = (operationId: string, n: number, tag = ''): OperationEvent => ({ operationId, kind: 'log', lines: Array.from({ length: n }, (_, i) => `${tag}${i}`) });

describe('EarlyEvents', () => {
  it('hands over the events of one operation, in order, and forgets the rest', () => {
    const early = new EarlyEvents();
    early.add(log('op-mine', 1, 'a'));
    early.add(log('op-other', 1));
    early.add({ operationId: 'op-mine', kind: 'done', ok: true, result: 1 });
    expect(early.take('op-mine').map((e) => e.kind)).toEqual(['log', 'done']);
    expect(early.take('op-mine')).toEqual([]);
  });

  it('keeps at most maxLines of log, dropping the oldest, never a done event', () => {
    const early = new EarlyEvents(100);
    early.add({ operationId: 'op-mine', kind: 'progress', fraction: 0.1 });
    for (let i = 0; i < 50; i++) early.add(log('op-other', 10, `o${i}-`));
    early.add(log('op-mine', 30, 'm'));
    early.add({ operationId: 'op-mine', kind: 'done', ok: true, result: 1 });
    const mine = early.take('op-mine');
    expect(mine.map((e) => e.kind)).toEqual(['progress', 'log', 'done']);
  });

  it('a flood from other work leaves memory bounded', () => {
    const early = new EarlyEvents(1000);
    for (let i = 0; i < 10_000; i++) early.add(log('op-other', 100));
    const kept = (early as unknown as { events: OperationEvent[] }).events;
    expect(kept.reduce((n, e) => n + (e.kind === 'log' ? e.lines.length : 0), 0)).toBeLessThanOrEqual(1000);
  });
});
