/**
 * Lets synchronous consumers (the tar parsers, the digest worker, zlib) ask the reader feeding them
 * to wait before the next chunk: they `hold` a promise, the reader awaits `settle()` between chunks.
 */
export class Backpressure {
  private held: Array<Promise<unknown>> = [];

  hold(until: Promise<unknown>): void {
    // Awaited in settle(); a rejection before then must not surface as unhandled.
    until.catch(() => undefined);
    this.held.push(until);
  }

  get pending(): boolean {
    return this.held.length > 0;
  }

  async settle(): Promise<void> {
    while (this.held.length > 0) {
      const held = this.held;
      this.held = [];
      await Promise.all(held);
    }
  }
}
