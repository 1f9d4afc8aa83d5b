/**
 * Feeds lines to xterm with flow control. xterm parses each `write()` in one piece and only
 * yields to the page (drawing, input, the next bridge message) between writes, so lines go in as
 * chunks of about `chunkChars`; and because xterm buffers whatever it is given, at most
 * `highWater` characters are handed over and not yet parsed, the rest wait here, joined into the
 * next chunks as they arrive. An idle terminal shows a line at once; no timer adds latency.
 *
 * Measured (bench/terminal-bench.ts): one 512 KB write held the page for up to 200 ms; 64 KB
 * chunks keep frames short at the same throughput.
 */
export class LineBatcher {
  private queue: string[] = [];
  private head = 0;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly write: (text: string, parsed: () => void) => void,
    private readonly chunkChars = 64 * 1024,
    private readonly highWater = 1024 * 1024,
  ) {}

  push(lines: readonly string[]): void {
    for (const line of lines) this.queue.push(line);
    this.pump();
  }

  /**
   * Drops the lines not yet handed over and sends `text` (a terminal reset, say) after those
   * that were: xterm parses in order, so nothing of the old log can land after it.
   */
  replaceQueued(text: string): void {
    this.queue = [];
    this.head = 0;
    this.send(text);
  }

  /** Resolves once every line pushed so far has been handed to xterm and parsed. */
  idle(): Promise<void> {
    if (this.inFlight === 0 && this.head === this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.inFlight < this.highWater && this.head < this.queue.length) {
      let end = this.head;
      let chars = 0;
      while (end < this.queue.length && (end === this.head || chars + (this.queue[end] as string).length + 2 <= this.chunkChars)) {
        chars += (this.queue[end] as string).length + 2;
        end++;
      }
      // xterm wants CRLF: a bare LF moves down without returning to column 0.
      const text = `${this.queue.slice(this.head, end).join('\r\n')}\r\n`;
      this.head = end;
      this.compact();
      this.send(text);
    }
  }

  private send(text: string): void {
    this.inFlight += text.length;
    this.write(text, () => {
      this.inFlight -= text.length;
      this.pump();
      if (this.inFlight === 0 && this.head === this.queue.length) for (const resolve of this.idleWaiters.splice(0)) resolve();
    });
  }

  /** Forgets lines already handed over, without copying the queue on every chunk. */
  private compact(): void {
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
