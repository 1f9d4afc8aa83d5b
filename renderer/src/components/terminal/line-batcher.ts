/**
 * Collects lines and hands them to `flush` at most once per animation frame, joined into one
 * string: xterm parses one large write far faster than thousands of small ones, and the page
 * stays responsive while a chatty build streams.
 */
export class LineBatcher {
  private pending: string[] = [];
  private pendingChars = 0;
  private scheduled = false;

  constructor(
    private readonly flush: (text: string) => void,
    private readonly schedule: (cb: () => void) => void = (cb) => requestAnimationFrame(cb),
    /** Past this much buffered text a flush happens without waiting for the frame. */
    private readonly maxChars = 1 << 20,
  ) {}

  push(lines: readonly string[]): void {
    for (const line of lines) {
      this.pending.push(line);
      this.pendingChars += line.length + 2;
    }
    if (this.pendingChars >= this.maxChars) {
      this.drain();
      return;
    }
    if (!this.scheduled) {
      this.scheduled = true;
      this.schedule(() => {
        this.scheduled = false;
        this.drain();
      });
    }
  }

  drain(): void {
    if (this.pending.length === 0) return;
    // xterm wants CRLF: a bare LF moves down without returning to column 0.
    const text = `${this.pending.join('\r\n')}\r\n`;
    this.pending = [];
    this.pendingChars = 0;
    this.flush(text);
  }
}
