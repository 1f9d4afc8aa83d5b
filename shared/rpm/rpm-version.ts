/**
 * RPM version comparison, a faithful port of rpm's `rpmvercmp()` (rpmio/rpmvercmp.c) and `rpmverCmp()`
 * (lib/rpmver.c). Vulnerability matching (REFERENCE.md: "compare EVR with rpm's own version comparison")
 * must agree with rpm byte for byte, so this keeps rpm's quirks rather than "fixing" them.
 */

/** Epoch / version / release. A missing epoch counts as 0; a missing release is not compared (rpm's rule). */
export interface Evr {
  epoch?: number | string | null;
  version: string;
  release?: string | null;
}

// rpm uses its own ASCII-only ctype (risdigit/risalpha), never the locale's.
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
const TILDE = 0x7e;
const CARET = 0x5e;
/** Stands for C's terminating NUL: every read past the end sees it. */
const END = 0;

/**
 * Segmented string compare of two version (or release) strings: 1 if `a` is newer, -1 if `b` is, 0 if equal.
 * Separators are any non-alphanumeric characters except `~` (sorts before everything, even the end)
 * and `^` (sorts after the end but before anything else).
 */
export function rpmvercmp(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  // Work on UTF-8 bytes, like rpm: non-ASCII bytes are separators there, so they must be here too.
  const s1 = utf8(a);
  const s2 = utf8(b);
  const at1 = (i: number): number => (i < s1.length ? s1[i]! : END);
  const at2 = (i: number): number => (i < s2.length ? s2[i]! : END);
  let one = 0;
  let two = 0;

  while (at1(one) !== END || at2(two) !== END) {
    while (at1(one) !== END && !isSegmentStart(at1(one))) one++;
    while (at2(two) !== END && !isSegmentStart(at2(two))) two++;

    // Tilde sorts before everything else, including the end of the string.
    if (at1(one) === TILDE || at2(two) === TILDE) {
      if (at1(one) !== TILDE) return 1;
      if (at2(two) !== TILDE) return -1;
      one++;
      two++;
      continue;
    }

    // Caret is like tilde except that the end of the string (the base version) sorts before it.
    if (at1(one) === CARET || at2(two) === CARET) {
      if (at1(one) === END) return -1;
      if (at2(two) === END) return 1;
      if (at1(one) !== CARET) return 1;
      if (at2(two) !== CARET) return -1;
      one++;
      two++;
      continue;
    }

    if (at1(one) === END || at2(two) === END) break;

    let end1 = one;
    let end2 = two;
    const isNum = isDigit(at1(one));
    if (isNum) {
      while (isDigit(at1(end1))) end1++;
      while (isDigit(at2(end2))) end2++;
    } else {
      while (isAlpha(at1(end1))) end1++;
      while (isAlpha(at2(end2))) end2++;
    }

    // Cannot happen (the first string has a non-empty segment here); rpm answers -1, so do we.
    if (end1 === one) return -1;
    // Different segment types: numeric is newer than alpha.
    if (end2 === two) return isNum ? 1 : -1;

    let from1 = one;
    let from2 = two;
    if (isNum) {
      // Leading zeros don't count; then the longer number wins (no integer overflow on long digit runs).
      while (from1 < end1 && s1[from1] === 0x30) from1++;
      while (from2 < end2 && s2[from2] === 0x30) from2++;
      const len1 = end1 - from1;
      const len2 = end2 - from2;
      if (len1 > len2) return 1;
      if (len2 > len1) return -1;
    }
    const rc = compareBytes(s1, from1, end1, s2, from2, end2);
    if (rc !== 0) return rc;

    one = end1;
    two = end2;
  }

  // All segments equal but separators differed: the one with characters left wins.
  if (at1(one) === END && at2(two) === END) return 0;
  return at1(one) !== END ? 1 : -1;
}

function isSegmentStart(c: number): boolean {
  return isDigit(c) || isAlpha(c) || c === TILDE || c === CARET;
}

function compareBytes(a: Uint8Array, aFrom: number, aEnd: number, b: Uint8Array, bFrom: number, bEnd: number): -1 | 0 | 1 {
  const n = Math.min(aEnd - aFrom, bEnd - bFrom);
  for (let i = 0; i < n; i++) {
    const d = a[aFrom + i]! - b[bFrom + i]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  const la = aEnd - aFrom;
  const lb = bEnd - bFrom;
  return la === lb ? 0 : la < lb ? -1 : 1;
}

const encoder = new TextEncoder();
function utf8(s: string): Uint8Array {
  // C strings end at the first NUL; a string carrying one compares as its prefix.
  const nul = s.indexOf('\0');
  return encoder.encode(nul >= 0 ? s.slice(0, nul) : s);
}

/**
 * Compare two EVRs like rpm's `rpmverCmp()`: epoch (missing = 0) first, then version, then release
 * only when both sides have one (so `1.0` matches any release of 1.0, as in rpm dependency ranges).
 * Strings are parsed with {@link parseEvr}.
 */
export function compareEvr(a: Evr | string, b: Evr | string): -1 | 0 | 1 {
  const x = typeof a === 'string' ? parseEvr(a) : a;
  const y = typeof b === 'string' ? parseEvr(b) : b;
  const rc = rpmvercmp(epochString(x.epoch), epochString(y.epoch));
  if (rc !== 0) return rc;
  const rv = rpmvercmp(x.version, y.version);
  if (rv !== 0) return rv;
  if (x.release != null && y.release != null) return rpmvercmp(x.release, y.release);
  return 0;
}

function epochString(epoch: Evr['epoch']): string {
  if (epoch == null || epoch === '') return '0';
  return String(epoch);
}

/**
 * Split `[epoch:]version[-release]` like rpm's parseEVR(): the epoch is the leading digits before `:`
 * (an empty one means 0), the release is whatever follows the last `-`.
 */
export function parseEvr(evr: string): Evr {
  let s = 0;
  while (s < evr.length && isDigit(evr.charCodeAt(s))) s++;
  let epoch: string | undefined;
  let rest = evr;
  if (evr[s] === ':') {
    epoch = s === 0 ? '0' : evr.slice(0, s);
    rest = evr.slice(s + 1);
  }
  const dash = rest.lastIndexOf('-');
  if (dash < 0) return epoch === undefined ? { version: rest } : { epoch, version: rest };
  const version = rest.slice(0, dash);
  const release = rest.slice(dash + 1);
  return epoch === undefined ? { version, release } : { epoch, version, release };
}

/** `[epoch:]version-release` as rpm prints it (`%{EVR}`): the epoch only when set. */
export function formatEvr(evr: Evr): string {
  const e = evr.epoch == null || evr.epoch === '' ? '' : `${evr.epoch}:`;
  const r = evr.release == null ? '' : `-${evr.release}`;
  return `${e}${evr.version}${r}`;
}
