import { describe, expect, it } from 'vitest';
import { LineBatcher } from './line-batcher';

describe('LineBatcher', () => {
  it('writes at once when idle, joins what arrives while busy, with CRLF', () => {
    const writes: Array<{ text: string; done: () => void }> = [];
    const b = new LineBatcher((text, done) => writes.push({ text, done }));
    b.push(['a']);
    expect(writes.map((w) => w.text)).toEqual(['a\r\n']);
    b.push(['b', 'c']);
    b.push(['d']);
    expect(writes).toHaveLength(1);
    writes[0]?.done();
    expect(writes.map((w) => w.text)).toEqual(['a\r\n', 'b\r\nc\r\nd\r\n']);
    writes[1]?.done();
    b.push(['e']);
    expect(writes[2]?.text).toBe('e\r\n');
  });
  it('caps one write, so a flood never blocks the page in one piece', () => {
    const writes: Array<{ text: string; done: () => void }> = [];
    const b = new LineBatcher((text, done) => writes.push({ text, done }), 12);
    b.push(['first']);
    b.push(['1234', '5678', 'abcd']);
    writes[0]?.done();
    expect(writes[1]?.text).toBe('1234\r\n5678\r\n');
    writes[1]?.done();
    expect(writes[2]?.text).toBe('abcd\r\n');
    let idle = false;
    void b.idle().then(() => (idle = true));
    writes[2]?.done();
    return Promise.resolve().then(() => expect(idle).toBe(true));
  });
});
