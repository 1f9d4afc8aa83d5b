/**
 * Registry keys get pasted from PDFs, chats and web pages, which add line breaks, spaces,
 * zero-width characters and typographic look-alikes (the guide's "unauthorized" FAQ). Cleaning
 * is pure and reports what it took out so the user can trust (or question) the result; the
 * report never contains the key itself.
 */

export interface KeyCleaning {
  cleaned: string;
  removed: Array<{ kind: string; count: number }>;
  /** Characters outside the ASCII a key is made of that were replaced by their ASCII twin. */
  replaced: Array<{ from: string; to: string; count: number }>;
  changed: boolean;
}

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD\u180E]/;
const LOOK_ALIKES: Record<string, string> = {
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-', '\uFE63': '-', '\uFF0D': '-',
  '\u2018': "'", '\u2019': "'", '\u201C': '"', '\u201D': '"',
  '\u0430': 'a', '\u0435': 'e', '\u043E': 'o', '\u0440': 'p', '\u0441': 'c', '\u0445': 'x', '\u0443': 'y', '\u0456': 'i',
  '\u0410': 'A', '\u0412': 'B', '\u0415': 'E', '\u041A': 'K', '\u041C': 'M', '\u041D': 'H', '\u041E': 'O', '\u0420': 'P', '\u0421': 'C', '\u0422': 'T', '\u0425': 'X',
  '\u03BF': 'o', '\u039F': 'O', '\u0391': 'A', '\u0392': 'B', '\u0395': 'E', '\u0397': 'H', '\u0399': 'I', '\u039A': 'K', '\u039C': 'M', '\u039D': 'N', '\u03A1': 'P', '\u03A4': 'T', '\u03A7': 'X', '\u0396': 'Z',
  '\u2024': '.', '\uFF0E': '.', '\u2044': '/', '\u2215': '/',
};

function codePoint(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

export function cleanRegistryKey(pasted: string): KeyCleaning {
  const removedCounts = new Map<string, number>();
  const replacedCounts = new Map<string, { from: string; to: string; count: number }>();
  const bump = (kind: string) => removedCounts.set(kind, (removedCounts.get(kind) ?? 0) + 1);
  let out = '';
  for (const ch of pasted) {
    if (ch === '\n' || ch === '\r') bump('line breaks');
    else if (ch === ' ' || ch === '\t' || ch === '\u00A0' || /\s/.test(ch)) bump('spaces and tabs');
    else if (ZERO_WIDTH.test(ch)) bump('zero-width characters');
    else if (/[\x21-\x7e]/.test(ch)) out += ch;
    else {
      // Full-width forms (Ａ, ０) fold to ASCII with NFKC; the rest by the look-alike table.
      const folded = ch.normalize('NFKC');
      const twin = LOOK_ALIKES[ch] ?? (/^[\x21-\x7e]$/.test(folded) ? folded : undefined);
      if (twin) {
        out += twin;
        const k = `${ch}>${twin}`;
        const entry = replacedCounts.get(k) ?? { from: codePoint(ch), to: twin, count: 0 };
        entry.count++;
        replacedCounts.set(k, entry);
      } else if (/[\x00-\x1f\x7f]/.test(ch)) {
        bump('control characters');
      } else {
        bump('other non-ASCII characters');
      }
    }
  }
  const removed = [...removedCounts].map(([kind, count]) => ({ kind, count }));
  const replaced = [...replacedCounts.values()];
  return { cleaned: out, removed, replaced, changed: removed.length > 0 || replaced.length > 0 };
}

/** One sentence for the UI and the CLI; never includes the key. */
export function describeCleaning(c: KeyCleaning): string {
  if (!c.changed) return 'The key was pasted cleanly: nothing removed.';
  const singular: Record<string, string> = { 'line breaks': 'line break', 'spaces and tabs': 'space or tab', 'zero-width characters': 'zero-width character', 'control characters': 'control character', 'other non-ASCII characters': 'other non-ASCII character' };
  const parts = c.removed.map((r) => `${r.count} ${r.count === 1 ? (singular[r.kind] ?? r.kind) : r.kind}`);
  const replaced = c.replaced.map((r) => `${r.count}× ${r.from} by "${r.to}"`);
  const said = [parts.length ? `removed ${parts.join(', ')}` : '', replaced.length ? `replaced look-alike characters: ${replaced.join(', ')}` : ''].filter(Boolean);
  return `Cleaned the pasted key: ${said.join('; ')}.`;
}
