import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
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

  it('pages on line boundaries and never cuts a character, whatever the page size', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 64 }), (lines, maxBytes) => {
        const store = new BuildLogStore(dir());
        const w = store.start('t', []);
        w.write(lines);
        w.finish({ state: 'succeeded' });
        const whole = readFileSync(store.logPath(w.summary.logId), 'utf8');
        const pages: string[] = [];
        for (let offset = 0; ; ) {
          const page = store.read(w.summary.logId, offset, maxBytes);
          expect(page.nextOffset).toBeGreaterThan(offset);
          expect(page.text).not.toContain('\uFFFD');
          pages.push(page.text);
          offset = page.nextOffset;
          if (offset >= page.size) break;
        }
        expect(pages.join('')).toBe(whole);
        // Every page but the last ends a line, unless one line is longer than a page.
        for (const page of pages.slice(0, -1)) if (page.includes('\n')) expect(page.endsWith('\n')).toBe(true);
      }),
      { numRuns: 60 },
    );
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
