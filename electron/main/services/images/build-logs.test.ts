import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildLogStore } from './build-logs';

const dir = () => mkdtempSync(join(tmpdir(), 'build-logs-'));

describe('build log store', () => {
  it('keeps logs readable across instances (a restart) and pages through them', () => {
    const d = dir();
    const w = new BuildLogStore(d).start('t', ['x:1']);
    w.write(['Step 1/2 : FROM x', 'hello']);
    w.finish({ state: 'succeeded', imageId: 'sha256:1' });
    const again = new BuildLogStore(d);
    const [log] = again.list();
    expect(log).toMatchObject({ state: 'succeeded', tags: ['x:1'] });
    const first = again.read(log!.logId, 0, 5);
    expect(first.text).toBe('Step ');
    expect(again.read(log!.logId, first.nextOffset, 1000).text).toBe('1/2 : FROM x\nhello\n');
  });

  it('caps one log: keeps the start and the end, says what was dropped', () => {
    const store = new BuildLogStore(dir(), { maxLogBytes: 200, tailBytes: 60, maxTotalBytes: 10_000, maxLogs: 10 });
    const w = store.start('t', []);
    for (let i = 0; i < 100; i++) w.write([`line ${i}`]);
    w.finish({ state: 'succeeded' });
    const text = readFileSync(store.logPath(w.summary.logId), 'utf8');
    expect(text.startsWith('line 0\n')).toBe(true);
    expect(text).toMatch(/bytes of this log were dropped/);
    expect(text.endsWith('line 99\n')).toBe(true);
    expect(text.length).toBeLessThan(400);
  });

  it('drops the oldest logs past the total cap, and marks a log of a dead run as failed', () => {
    const d = dir();
    const store = new BuildLogStore(d, { maxLogBytes: 10_000, tailBytes: 100, maxTotalBytes: 250, maxLogs: 10 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const w = store.start(`b${i}`, []);
      w.write(['x'.repeat(99)]);
      w.finish({ state: 'succeeded' });
      ids.push(w.summary.logId);
    }
    const kept = store.list().map((l) => l.logId);
    expect(kept.length).toBeLessThanOrEqual(3);
    expect(kept).toContain(ids[4]);
    expect(kept).not.toContain(ids[0]);
    store.start('running', []);
    expect(new BuildLogStore(d).list().find((l) => l.title === 'running')?.state).toBe('failed');
  });
});
