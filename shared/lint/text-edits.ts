import type { QuickFix, TextEdit } from '../contract/lint';

/** Applies non-overlapping edits (offsets into `text`); later edits first so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Number.POSITIVE_INFINITY;
  for (const edit of sorted) {
    const start = Math.max(0, Math.min(edit.start, out.length));
    const end = Math.max(start, Math.min(edit.end, out.length));
    // Overlapping edits can't both apply; keep the first one (by position) and skip the rest.
    if (end > limit) continue;
    out = out.slice(0, start) + edit.newText + out.slice(end);
    limit = start;
  }
  return out;
}

export function applyFix(text: string, fix: QuickFix): string {
  return applyEdits(text, fix.edits);
}

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
  /** 1-based line number in the old text (removed/same) or the new text (added). */
  line: number;
}

/**
 * A line diff for the fix preview: common prefix and suffix kept as context, the middle shown as removed
 * then added. Fixes touch one place, so this is exact for them without a general diff algorithm.
 */
export function lineDiff(before: string, after: string, context = 3): DiffLine[] {
  const a = before.split(/\r\n|\r|\n/);
  const b = after.split(/\r\n|\r|\n/);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const out: DiffLine[] = [];
  for (let i = Math.max(0, prefix - context); i < prefix; i++) out.push({ kind: 'same', text: a[i] ?? '', line: i + 1 });
  for (let i = prefix; i < a.length - suffix; i++) out.push({ kind: 'removed', text: a[i] ?? '', line: i + 1 });
  for (let i = prefix; i < b.length - suffix; i++) out.push({ kind: 'added', text: b[i] ?? '', line: i + 1 });
  for (let i = a.length - suffix; i < Math.min(a.length, a.length - suffix + context); i++) out.push({ kind: 'same', text: a[i] ?? '', line: i + 1 });
  return out;
}

/** The diff as unified-style text (`+`/`-`/` ` prefixes), for the CLI and for copying. */
export function formatDiff(lines: readonly DiffLine[]): string {
  return lines.map((l) => `${l.kind === 'added' ? '+' : l.kind === 'removed' ? '-' : ' '} ${l.text}`).join('\n');
}
