/**
 * Terminal escape sequences (colours, cursor moves, titles) in text meant for a file or a pipe.
 * The engine colours a failing step's stderr red; a CI log wants the words, not `ESC[91m`.
 */
// CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), then any other two-byte ESC sequence (ESC c, ESC 7).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[0-~]/g;

export function stripAnsi(text: string): string {
  return text.includes('\x1b') ? text.replace(ANSI, '') : text;
}
