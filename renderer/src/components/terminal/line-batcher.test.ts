import { describe, expect, it } from 'vitest';
import { LineBatcher } from './line-batcher';

describe('LineBatcher', () => {
  it('writes all lines of a frame at once, with CRLF', () => {
    const writes: string[] = [];
    const frames: Array<() => void> = [];
    const b = new LineBatcher((t) => writes.push(t), (cb) => frames.push(cb));
    b.push(['a', 'b']);
    b.push(['c']);
    expect(writes).toEqual([]);
    expect(frames).toHaveLength(1);
    frames[0]?.();
    expect(writes).toEqual(['a\r\nb\r\nc\r\n']);
  });
  it('flushes early when the buffer grows large', () => {
    const writes: string[] = [];
    const b = new LineBatcher((t) => writes.push(t), () => undefined, 10);
    b.push(['0123456789']);
    expect(writes).toHaveLength(1);
  });
});
