import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareEvr, formatEvr, parseEvr, rpmvercmp } from './rpm-version';
import { RPMVERCMP_VECTORS } from './rpmvercmp-vectors';

describe('rpmvercmp', () => {
  it.each(RPMVERCMP_VECTORS)('rpmvercmp(%j, %j) = %i (rpm test vector)', (a, b, expected) => {
    expect(rpmvercmp(a, b)).toBe(expected);
  });

  it('compares numbers of any length without overflow', () => {
    expect(rpmvercmp('1.123456789012345678901234567890', '1.123456789012345678901234567891')).toBe(-1);
    expect(rpmvercmp('00000000000000000000000000000001', '1')).toBe(0);
  });

  it('treats non-ASCII characters as separators, like rpm on UTF-8 bytes', () => {
    expect(rpmvercmp('1é0', '1.0')).toBe(0);
  });

  const versionish = fc.string({ unit: fc.constantFrom(...'0123456789abcXYZ.~^_-+'.split('')), maxLength: 12 });
  it('is antisymmetric and reflexive', () => {
    fc.assert(
      fc.property(versionish, versionish, (a, b) => {
        expect(rpmvercmp(a, a)).toBe(0);
        expect(rpmvercmp(a, b)).toBe(-rpmvercmp(b, a) || 0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('compareEvr', () => {
  it('compares the epoch first, a missing epoch being 0', () => {
    expect(compareEvr('1:1.0-1', '2.0-1')).toBe(1);
    expect(compareEvr({ version: '1.0', release: '1' }, { epoch: 0, version: '1.0', release: '1' })).toBe(0);
    expect(compareEvr({ epoch: 2, version: '1', release: '1' }, { epoch: 10, version: '1', release: '1' })).toBe(-1);
  });

  it('compares the release only when both sides have one', () => {
    expect(compareEvr('1.0-1.el9', '1.0-2.el9')).toBe(-1);
    expect(compareEvr('1.0', '1.0-2.el9')).toBe(0);
    expect(compareEvr('1.0-2.el9_1', '1.0-2.el9')).toBe(1);
  });

  it('honours tilde and caret in versions', () => {
    expect(compareEvr('0:1.0~rc1-1', '0:1.0-1')).toBe(-1);
    expect(compareEvr('1.0^git1-1', '1.0-1')).toBe(1);
  });
});

describe('parseEvr / formatEvr', () => {
  it('splits like rpm', () => {
    expect(parseEvr('2:1.0-3.el9')).toEqual({ epoch: '2', version: '1.0', release: '3.el9' });
    expect(parseEvr(':1.0-3')).toEqual({ epoch: '0', version: '1.0', release: '3' });
    expect(parseEvr('1.0')).toEqual({ version: '1.0' });
    expect(parseEvr('1.0-a-b')).toEqual({ version: '1.0-a', release: 'b' });
    expect(formatEvr({ epoch: 1, version: '2', release: '3' })).toBe('1:2-3');
    expect(formatEvr({ version: '2', release: '3' })).toBe('2-3');
  });
});
