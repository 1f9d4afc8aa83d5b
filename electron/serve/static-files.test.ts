import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStatic } from './static-files';

describe('resolveStatic', () => {
  const root = mkdtempSync(join(tmpdir(), 'static-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'assets', 'app.js'), '1');
  writeFileSync(join(tmpdir(), 'outside.txt'), 'secret');

  it('finds files inside the root', () => {
    expect(resolveStatic(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
  });

  it('refuses traversal, encoded traversal, NUL and folders', () => {
    for (const p of ['/../outside.txt', '/assets/../../outside.txt', '/%2e%2e/outside.txt', '/assets/app.js%00', '/assets', '/%E0%A4%A']) {
      expect(resolveStatic(root, p), p).toBeUndefined();
    }
  });
});
