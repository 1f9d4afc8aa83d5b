import { forwardRef, useImperativeHandle, useMemo, useRef, type UIEvent } from 'react';
import type { LintDiagnostic, LintSeverity } from '@shared/contract/lint';

export interface DockerfileEditorHandle {
  /** Selects a 1-based line range and scrolls it into view. */
  revealLine(line: number, endLine?: number): void;
}

const MARK: Record<LintSeverity, { glyph: string; color: string; label: string }> = {
  error: { glyph: '●', color: 'var(--pf-t--global--color--status--danger--default, #c9190b)', label: 'error' },
  warning: { glyph: '▲', color: 'var(--pf-t--global--color--status--warning--default, #f0ab00)', label: 'warning' },
  info: { glyph: '◆', color: 'var(--pf-t--global--color--status--info--default, #2b9af3)', label: 'info' },
};
const RANK: Record<LintSeverity, number> = { error: 0, warning: 1, info: 2 };
const LINE_HEIGHT = 20;

/**
 * A plain textarea with a gutter of line numbers and severity marks: editable, keyboard-native and
 * readable by screen readers (the marks are repeated in the diagnostics list, so the gutter is decorative).
 */
export const DockerfileEditor = forwardRef<DockerfileEditorHandle, { text: string; diagnostics: LintDiagnostic[]; onChange: (text: string) => void }>(
  function DockerfileEditor({ text, diagnostics, onChange }, ref) {
    const area = useRef<HTMLTextAreaElement>(null);
    const gutter = useRef<HTMLDivElement>(null);
    const lines = useMemo(() => text.split(/\r\n|\r|\n/), [text]);

    const worst = useMemo(() => {
      const byLine = new Map<number, LintSeverity>();
      for (const d of diagnostics) {
        for (let l = d.line; l <= Math.min(d.endLine, d.line + 200); l++) {
          const current = byLine.get(l);
          if (!current || RANK[d.severity] < RANK[current]) byLine.set(l, d.severity);
        }
      }
      return byLine;
    }, [diagnostics]);

    useImperativeHandle(ref, () => ({
      revealLine(line, endLine = line) {
        const el = area.current;
        if (!el) return;
        let start = 0;
        for (let i = 1; i < line && i <= lines.length; i++) start += (lines[i - 1]?.length ?? 0) + 1;
        let end = start;
        for (let i = line; i <= endLine && i <= lines.length; i++) end += (lines[i - 1]?.length ?? 0) + 1;
        el.focus();
        el.setSelectionRange(start, Math.max(start, end - 1));
        el.scrollTop = Math.max(0, (line - 3) * LINE_HEIGHT);
      },
    }));

    const onScroll = (e: UIEvent<HTMLTextAreaElement>) => {
      if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
    };

    const font = { fontFamily: 'var(--pf-t--global--font--family--mono, monospace)', fontSize: 13, lineHeight: `${LINE_HEIGHT}px` };
    return (
      <div style={{ display: 'flex', border: '1px solid var(--pf-t--global--border--color--default, #d2d2d2)', height: 480 }}>
        <div ref={gutter} aria-hidden="true" data-testid="dockerfile-gutter" style={{ ...font, overflow: 'hidden', padding: '8px 4px', minWidth: 56, textAlign: 'right', userSelect: 'none', background: 'var(--pf-t--global--background--color--secondary--default, #f0f0f0)' }}>
          {lines.map((_, i) => {
            const severity = worst.get(i + 1);
            return (
              <div key={i} data-line={i + 1} data-severity={severity ?? ''} style={{ height: LINE_HEIGHT, whiteSpace: 'nowrap' }}>
                {severity && <span style={{ color: MARK[severity].color, marginRight: 4 }} title={MARK[severity].label}>{MARK[severity].glyph}</span>}
                {i + 1}
              </div>
            );
          })}
        </div>
        <textarea
          ref={area}
          aria-label="Dockerfile text"
          spellCheck={false}
          wrap="off"
          value={text}
          onChange={(e) => onChange(e.target.value)}
          onScroll={onScroll}
          style={{ ...font, flex: 1, border: 0, padding: 8, resize: 'none', outlineOffset: -2, whiteSpace: 'pre', overflow: 'auto' }}
        />
      </div>
    );
  },
);
