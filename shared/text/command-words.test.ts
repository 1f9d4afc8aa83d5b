import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitCommand } from './command-words';

describe('splitCommand', () => {
  it('splits on blanks and honours quotes and backslashes as a shell does', () => {
    expect(splitCommand('id')).toEqual({ ok: true, words: ['id'] });
    expect(splitCommand('  sh -c "cat /hi; echo done"  ')).toEqual({ ok: true, words: ['sh', '-c', 'cat /hi; echo done'] });
    expect(splitCommand(`echo 'a "b"' "c 'd'" e\\ f`)).toEqual({ ok: true, words: ['echo', 'a "b"', "c 'd'", 'e f'] });
    expect(splitCommand('echo "say \\"hi\\" \\n" \'\'')).toEqual({ ok: true, words: ['echo', 'say "hi" \\n', ''] });
    expect(splitCommand('a"b c"d')).toEqual({ ok: true, words: ['ab cd'] });
  });
  it('says what is wrong instead of guessing', () => {
    expect(splitCommand('sh -c "unterminated')).toMatchObject({ ok: false, error: expect.stringMatching(/double quote/) });
    expect(splitCommand("it's")).toMatchObject({ ok: false, error: expect.stringMatching(/single quote/) });
    expect(splitCommand('   ')).toMatchObject({ ok: false });
  });
  it('gives back any words it is given, quoted', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 0, maxLength: 12 }), { minLength: 1, maxLength: 6 }), (words) => {
        const quoted = words.map((w) => `'${w.replace(/'/g, `'\\''`)}'`).join(' ');
        expect(splitCommand(quoted)).toEqual({ ok: true, words });
      }),
    );
  });
});
