import '@xterm/xterm/css/xterm.css';
import './build-terminal.css';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { LineBatcher } from './line-batcher';

export interface BuildTerminalHandle {
  write(lines: readonly string[]): void;
  clear(): void;
  /** Resolves once everything written so far has been parsed and rendered (benchmarks wait on it). */
  settle(): Promise<void>;
}

interface Props {
  label: string;
  rows?: number;
}

/** A read-only xterm for build and push logs: batched writes, large scrollback, fits its box. */
export const BuildTerminal = forwardRef<BuildTerminalHandle, Props>(function BuildTerminal({ label, rows = 20 }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal>(undefined);
  const batcher = useRef<LineBatcher>(undefined);

  useEffect(() => {
    if (!host.current) return;
    const t = new Terminal({
      rows,
      convertEol: false,
      disableStdin: true,
      cursorBlink: false,
      scrollback: 50_000,
      screenReaderMode: false,
      fontSize: 13,
      theme: { background: '#151515', foreground: '#e0e0e0' },
    });
    // Read-only: Tab and Shift+Tab move on to the next control instead of being typed into the log.
    t.attachCustomKeyEventHandler((event) => event.key !== 'Tab');
    const fit = new FitAddon();
    t.loadAddon(fit);
    t.open(host.current);
    try {
      fit.fit();
    } catch {
      // Not laid out yet (hidden tab): the next resize fits it.
    }
    term.current = t;
    batcher.current = new LineBatcher((text, done) => t.write(text, done));
    const observer = new ResizeObserver(() => {
      try {
        fit.fit();
      } catch {
        // Detached while resizing.
      }
    });
    observer.observe(host.current);
    return () => {
      observer.disconnect();
      batcher.current = undefined;
      t.dispose();
      term.current = undefined;
    };
  }, [rows]);

  useImperativeHandle(ref, () => ({
    write: (lines) => batcher.current?.push(lines),
    // RIS (ESC c) through the same queue: lines already inside xterm are parsed before the reset.
    clear: () => batcher.current?.replaceQueued('\x1bc'),
    settle: async () => {
      await batcher.current?.idle();
      await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    },
  }));

  return <div ref={host} role="log" aria-label={label} aria-live="off" data-testid="build-terminal" className="certdesk-terminal" style={{ minHeight: rows * 17, background: '#151515', padding: 4 }} />;
});
