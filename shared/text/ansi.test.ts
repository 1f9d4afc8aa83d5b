import { describe, expect, it } from 'vitest';
import { stripAnsi } from './ansi';

describe('stripAnsi', () => {
  it('removes colours, cursor moves, titles and resets, and keeps the words', () => {
    expect(stripAnsi('\x1b[91mfailed\x1b[0m')).toBe('failed');
    expect(stripAnsi('\x1b[1;32mok\x1b[m \x1b[2K\x1b[1A')).toBe('ok ');
    expect(stripAnsi('\x1b]0;title\x07text')).toBe('text');
    expect(stripAnsi('\x1bcreset')).toBe('reset');
    expect(stripAnsi('plain [91m text')).toBe('plain [91m text');
  });
});
