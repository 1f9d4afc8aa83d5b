/**
 * Feeds lines to xterm by back-pressure: while xterm is still parsing the last write, new lines
 * wait and are joined into one string; the moment it is done (its write callback) they go in one
 * call. xterm parses one large write far faster than thousands of small ones, an idle terminal
 * shows a line at once, and no timer adds latency (a frame-timer batcher measured ~25% slower).
 */
export class LineBatcher {
  private pending: string[] = [];
  private busy = false;
  private idleWaiters: Array<() => void> = [];

  /**
   * `maxChars` caps one write: xterm parses a write without yielding, so a 7 MB write freezes the
   * page for a third of a second; 512 KB keeps every frame short at almost the same throughput.
   */
  constructor(
    private readonly write: (text: string, done: () => void) => void,
    private readonly maxChars = 512 * 1024,
  ) {}

  push(lines: readonly string[]): void {
    for (const line of lines) this.pending.push(line);
    if (!this.busy) this.drain();
  }

  /** Writes whatever waits, now (used before clearing and when settling). */
  drain(): void {
    if (this.pending.length === 0) return;
    // xterm wants CRLF: a bare LF moves down without returning to column 0.
    let take = 0;
    let chars = 0;
    while (take < this.pending.length && (take === 0 || chars + (this.pending[take] as string).length + 2 <= this.maxChars)) {
      chars += (this.pending[take] as string).length + 2;
      take++;
    }
    const text = `${this.pending.slice(0, take).join('\r\n')}\r\n`;
    this.pending = take === this.pending.length ? [] : this.pending.slice(take);
    this.busy = true;
    this.write(text, () => {
      this.busy = false;
      if (this.pending.length > 0) this.drain();
      else for (const resolve of this.idleWaiters.splice(0)) resolve();
    });
  }

  /** Resolves once every line pushed so far has been handed to xterm and parsed. */
  idle(): Promise<void> {
    if (!this.busy && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
