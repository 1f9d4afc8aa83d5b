import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tarOf } from '../../e2e/fixtures/images/archive-builder';
import { TarFormatError, TarPushParser, type TarHeader } from './tar-push-parser';

interface Seen {
  header: TarHeader;
  content: string;
}

/** Parses `tar` pushed in pieces cut at `cuts`, collecting every entry and its content. */
function parseInPieces(tar: Uint8Array, cuts: number[]): Seen[] {
  const seen: Seen[] = [];
  const parser = new TarPushParser((header) => {
    const parts: Buffer[] = [];
    return {
      data: (bytes) => void parts.push(Buffer.from(bytes)),
      end: () => void seen.push({ header, content: Buffer.concat(parts).toString('latin1') }),
    };
  });
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    parser.push(tar.subarray(at, Math.max(at, cut)));
    at = Math.max(at, cut);
  }
  parser.push(tar.subarray(at));
  parser.end();
  return seen;
}

const longName = `${'deep/'.repeat(40)}file-with-a-name-longer-than-one-hundred-bytes.txt`;

describe('tar push parser', () => {
  it('reads the same entries and contents wherever the input is cut (pax long names, links, empty files)', async () => {
    const tar = await tarOf([
      { name: 'etc/' },
      { name: 'etc/os-release', content: 'ID="rhel"\n' },
      { name: longName, content: 'x'.repeat(1000) },
      { name: 'empty', content: '' },
      { name: 'lib', type: 'symlink', linkname: `usr/${'l'.repeat(150)}` },
      { name: 'hard', type: 'link', linkname: 'etc/os-release' },
      { name: 'big.bin', content: Buffer.alloc(70_000, 7) },
    ]);
    const whole = parseInPieces(tar, []);
    expect(whole.map((s) => [s.header.name, s.header.type, s.content.length])).toEqual([
      ['etc/', 'directory', 0],
      ['etc/os-release', 'file', 10],
      [longName, 'file', 1000],
      ['empty', 'file', 0],
      ['lib', 'symlink', 0],
      ['hard', 'link', 0],
      ['big.bin', 'file', 70_000],
    ]);
    expect(whole[4]!.header.linkname).toBe(`usr/${'l'.repeat(150)}`);
    expect(whole[1]!.content).toBe('ID="rhel"\n');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: tar.length }), { maxLength: 40 }), (cuts) => {
        expect(parseInPieces(tar, cuts)).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('reads what GNU tar writes: long names, base-256 ids, ustar prefixes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tar-gnu-'));
    const root = join(dir, 'root');
    mkdirSync(join(root, 'a'.repeat(60), 'b'.repeat(60)), { recursive: true });
    writeFileSync(join(root, 'a'.repeat(60), 'b'.repeat(60), 'file.txt'), 'hello');
    symlinkSync('../escape', join(root, 'link'));
    const names: string[] = [];
    for (const format of ['gnu', 'ustar', 'pax']) {
      const out = join(dir, `${format}.tar`);
      execFileSync('tar', ['--format', format, '--owner=0', '--group=0', '-cf', out, '-C', root, '.']);
      const seen = parseInPieces(readFileSync(out), [100, 513, 1030]);
      names.push(...seen.map((s) => `${format}:${s.header.name}:${s.content}`));
    }
    // GNU base-256: an owner id too big for octal.
    const gnuBig = join(dir, 'big-uid.tar');
    execFileSync('tar', ['--format', 'gnu', '--owner=2147483647', '--group=0', '-cf', gnuBig, '-C', root, 'link']);
    expect(parseInPieces(readFileSync(gnuBig), [])[0]!.header.uid).toBe(2147483647);
    for (const format of ['gnu', 'ustar', 'pax']) {
      expect(names).toContain(`${format}:./${'a'.repeat(60)}/${'b'.repeat(60)}/file.txt:hello`);
      expect(names).toContain(`${format}:./link:`);
    }
  });

  it('refuses a corrupt header, a cut entry and a huge metadata record with TarFormatError', async () => {
    const tar = await tarOf([{ name: 'f', content: 'x'.repeat(2000) }]);
    const corrupt = Buffer.from(tar);
    corrupt[10] = corrupt[10]! ^ 0xff;
    expect(() => parseInPieces(corrupt, [])).toThrow(TarFormatError);
    expect(() => parseInPieces(tar.subarray(0, 1000), [])).toThrow(/truncated/);
    const pax = Buffer.from(tar.subarray(0, 512));
    pax[156] = 0x78; // 'x'
    pax.write('77777777777\0', 124, 'latin1');
    let sum = 8 * 32;
    for (let i = 0; i < 512; i++) if (i < 148 || i >= 156) sum += pax[i]!;
    pax.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    expect(() => parseInPieces(pax, [])).toThrow(/metadata record/);
  });
});
