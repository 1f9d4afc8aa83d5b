import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const board = vi.hoisted(() => ({ text: '', cleared: 0 }));

vi.mock('electron', () => ({
  clipboard: {
    writeText: (text: string) => {
      board.text = text;
      return Promise.resolve();
    },
    readText: () => Promise.resolve(board.text),
    clear: () => {
      board.text = '';
      board.cleared += 1;
    },
  },
}));

const { electronSecretClipboard } = await import('./electron-clipboard');

describe('electronSecretClipboard', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    board.text = '';
    board.cleared = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('clears a copied secret after a minute', async () => {
    await electronSecretClipboard.copySecret('rk-secret');
    expect(board.text).toBe('rk-secret');
    await vi.advanceTimersByTimeAsync(59_000);
    expect(board.text).toBe('rk-secret');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(board.text).toBe('');
    expect(board.cleared).toBe(1);
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    await electronSecretClipboard.copySecret('rk-secret');
    board.text = 'something the user copied';
    await vi.advanceTimersByTimeAsync(60_000);
    expect(board.text).toBe('something the user copied');
    expect(board.cleared).toBe(0);
  });
});
