import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineBatcher } from './line-batcher';

/** A stand-in for xterm's write queue: parses in order, when told to. */
function fakeTerminal() {
  const writes: Array<{ text: string; parsed: () => void }> = [];
  let next = 0;
  return {
    writes,
    write: (text: string, parsed: () => void) => writes.push({ text, parsed }),
    /** Parses the oldest unparsed write. */
    parseOne(): boolean {
      const w = writes[next];
      if (!w) return false;
      next++;
      w.parsed();
      return true;
    },
    unparsedChars: () => writes.slice(next).reduce((n, w) => n + w.text.length, 0),
  };
}

describe('LineBatcher', () => {
  it('writes at once when idle and joins what arrives while xterm is full, with CRLF', () => {
    const t = fakeTerminal();
    const b = new LineBatcher(t.write, 64, 8);
    b.push(['a']);
    expect(t.writes.map((w) => w.text)).toEqual(['a\r\n']);
    b.push(['b', 'c']);
    expect(t.writes.map((w) => w.text)).toEqual(['a\r\n', 'b\r\nc\r\n']);
    // 9 characters in flight, above the high-water mark of 8: these wait and are joined.
    b.push(['d']);
    b.push(['e']);
    expect(t.writes).toHaveLength(2);
    t.parseOne();
    expect(t.writes.map((w) => w.text)).toEqual(['a\r\n', 'b\r\nc\r\n', 'd\r\ne\r\n']);
  });

  it('cuts a flood into chunks, so no single write holds the page', () => {
    const t = fakeTerminal();
    const b = new LineBatcher(t.write, 12, 1000);
    b.push(['1234', '5678', 'abcd', 'this line is longer than a chunk']);
    expect(t.writes.map((w) => w.text)).toEqual(['1234\r\n5678\r\n', 'abcd\r\n', 'this line is longer than a chunk\r\n']);
  });

  it('hands xterm no more than the high-water mark (plus one chunk) and keeps the rest', () => {
    const t = fakeTerminal();
    const b = new LineBatcher(t.write, 100, 1000);
    const lines = Array.from({ length: 10_000 }, (_, i) => `line ${i}`);
    b.push(lines);
    expect(t.unparsedChars()).toBeLessThan(1100);
    while (t.parseOne()) expect(t.unparsedChars()).toBeLessThan(1100);
    expect(t.writes.map((w) => w.text).join('')).toBe(`${lines.join('\r\n')}\r\n`);
  });

  it('replaceQueued drops what waits and sends its text after what xterm already has', async () => {
    const t = fakeTerminal();
    const b = new LineBatcher(t.write, 8, 8);
    b.push(['old 1', 'old 2', 'old 3']);
    expect(t.writes.map((w) => w.text)).toEqual(['old 1\r\n', 'old 2\r\n']);
    b.replaceQueued('\x1bc');
    b.push(['new']);
    while (t.parseOne());
    expect(t.writes.map((w) => w.text)).toEqual(['old 1\r\n', 'old 2\r\n', '\x1bc', 'new\r\n']);
    await b.idle();
  });

  it('idle waits for the last parse', async () => {
    const t = fakeTerminal();
    const b = new LineBatcher(t.write, 8, 8);
    await b.idle();
    b.push(['a', 'b', 'c', 'd']);
    let idle = false;
    void b.idle().then(() => (idle = true));
    t.parseOne();
    await Promise.resolve();
    expect(idle).toBe(false);
    while (t.parseOne());
    await Promise.resolve();
    expect(idle).toBe(true);
  });

  it('whatever the pushes and parse timing, xterm gets every line once, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ lines: fc.array(fc.string({ maxLength: 30 }), { maxLength: 20 }), parses: fc.nat(4) }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 256 }),
        (steps, chunkChars, highWater) => {
          const t = fakeTerminal();
          const b = new LineBatcher(t.write, chunkChars, highWater);
          const all: string[] = [];
          for (const step of steps) {
            b.push(step.lines);
            all.push(...step.lines);
            for (let k = 0; k < step.parses; k++) t.parseOne();
          }
          while (t.parseOne());
          expect(t.writes.map((w) => w.text).join('')).toBe(all.map((l) => `${l}\r\n`).join(''));
        },
      ),
    );
  });
});
