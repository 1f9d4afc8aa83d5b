import { Worker } from 'node:worker_threads';

/**
 * sha256 of streamed files on a worker thread, so hashing for HasModifiedFiles runs beside the tar
 * parsing instead of after it on the one main thread. Chunks are copied into a few reused batch
 * buffers that travel to the worker and back (transferred, not cloned), so memory stays bounded and
 * nothing new is allocated per byte; when every buffer is out, `write` waits (backpressure).
 */

// Plain JavaScript evaluated as the worker: no separate bundle entry for Electron, the CLI and tests.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const open = new Map();
parentPort.on('message', ({ buffer, records }) => {
  const bytes = new Uint8Array(buffer);
  const done = [];
  for (let i = 0; i < records.length; i += 4) {
    const id = records[i], offset = records[i + 1], length = records[i + 2], last = records[i + 3];
    let hash = open.get(id);
    if (!hash) { hash = createHash('sha256'); open.set(id, hash); }
    if (length > 0) hash.update(bytes.subarray(offset, offset + length));
    if (last) { done.push(id, hash.digest('hex')); open.delete(id); }
  }
  parentPort.postMessage({ buffer, done }, [buffer]);
});
`;

interface Batch {
  buffer: ArrayBuffer;
  bytes: Uint8Array;
  used: number;
  /** Flat quadruples: file id, offset, length, last (1/0). */
  records: number[];
}

interface Settle {
  resolve(hex: string): void;
  reject(err: Error): void;
}

export class DigestWorker {
  private worker: Worker | undefined;
  private readonly free: ArrayBuffer[] = [];
  private buffersMade = 0;
  private readonly waitingForBuffer: Array<() => void> = [];
  private readonly pending = new Map<number, Settle>();
  private current: Batch | undefined;
  private nextId = 1;
  private failure: Error | undefined;

  /** Nothing is started or allocated until the first file is written: most archives fail or hash little. */
  constructor(
    private readonly batchBytes = 4 * 1024 * 1024,
    private readonly maxBuffers = 8,
  ) {}

  /** A new file; feed its content with `write` and finish it with `end`. */
  begin(): number {
    return this.nextId++;
  }

  /**
   * Copies `chunk` for hashing, at once: the tar parser calling this cannot wait. When every buffer
   * is already with the worker, one more is made and `backlogged` turns true; the reader then waits
   * for `room()` before reading on, so the overdraft is at most a chunk or two.
   */
  write(id: number, chunk: Uint8Array): void {
    if (this.failure) throw this.failure;
    let offset = 0;
    while (offset < chunk.length) {
      const batch = this.current ?? this.takeBatch();
      const length = Math.min(chunk.length - offset, this.batchBytes - batch.used);
      batch.bytes.set(chunk.subarray(offset, offset + length), batch.used);
      batch.records.push(id, batch.used, length, 0);
      batch.used += length;
      offset += length;
      if (batch.used === this.batchBytes) this.flush();
    }
  }

  /** Marks the file complete; its digest (hex) settles once the worker has hashed it (after `flush`). */
  end(id: number): Promise<string> {
    const batch = this.current ?? this.takeBatch();
    batch.records.push(id, batch.used, 0, 1);
    const digest = new Promise<string>((resolve, reject) => {
      if (this.failure) reject(this.failure);
      else this.pending.set(id, { resolve, reject });
    });
    // Awaited by the caller after `flush`; a failure before then must not surface as unhandled.
    digest.catch(() => undefined);
    return digest;
  }

  /** More buffers are out than the bound allows: the reader should wait for `room()`. */
  get backlogged(): boolean {
    return this.buffersMade - this.free.length > this.maxBuffers;
  }

  /** Resolves once the buffers out are within the bound again (or the worker failed). */
  async room(): Promise<void> {
    while (this.backlogged && !this.failure) {
      await new Promise<void>((resolve) => this.waitingForBuffer.push(resolve));
    }
    if (this.failure) throw this.failure;
  }

  /** Sends the partly filled batch, so every ended file gets its digest. */
  flush(): void {
    const batch = this.current;
    if (!batch || batch.records.length === 0) return;
    this.current = undefined;
    this.started().postMessage({ buffer: batch.buffer, records: batch.records }, [batch.buffer]);
  }

  async close(): Promise<void> {
    this.fail(new Error('the hashing worker was closed'));
    await this.worker?.terminate();
  }

  private started(): Worker {
    if (!this.worker) {
      this.worker = new Worker(WORKER_SOURCE, { eval: true });
      this.worker.on('message', (message: { buffer: ArrayBuffer; done: Array<number | string> }) => this.onMessage(message));
      this.worker.on('error', (err) => this.fail(err));
      this.worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`the hashing worker stopped (exit ${code})`));
      });
    }
    return this.worker;
  }

  private takeBatch(): Batch {
    // A buffer back from the worker is reused; a new one is made only when none is free.
    let buffer = this.free.pop();
    if (!buffer) {
      buffer = new ArrayBuffer(this.batchBytes);
      this.buffersMade += 1;
    }
    this.current = { buffer, bytes: new Uint8Array(buffer), used: 0, records: [] };
    return this.current;
  }

  private onMessage({ buffer, done }: { buffer: ArrayBuffer; done: Array<number | string> }): void {
    this.free.push(buffer);
    for (let i = 0; i < done.length; i += 2) {
      const id = done[i] as number;
      this.pending.get(id)?.resolve(done[i + 1] as string);
      this.pending.delete(id);
    }
    for (const wake of this.waitingForBuffer.splice(0)) wake();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const settle of this.pending.values()) settle.reject(this.failure);
    this.pending.clear();
    for (const wake of this.waitingForBuffer.splice(0)) wake();
  }
}
