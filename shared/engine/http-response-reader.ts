/**
 * Reads an HTTP/1.1 response pushed in as bytes: the status and headers once, then the body as it
 * arrives (Content-Length, chunked, or until the connection closes), handed on without copying.
 * Used where Node's HTTP client costs more than the work itself: the engine's `docker save` stream
 * of hundreds of megabytes, read into one reused buffer.
 */

export interface HttpHead {
  status: number;
  /** Lower-case names. */
  headers: Map<string, string>;
}

export class HttpFormatError extends Error {}

const MAX_HEAD = 64 * 1024;
const MAX_LINE = 4096;

type State = 'head' | 'length' | 'close' | 'size' | 'data' | 'data-end' | 'trailer' | 'done';

const latin1 = new TextDecoder('latin1');

export class HttpResponseReader {
  private state: State = 'head';
  private line: number[] = [];
  private remaining = 0;

  constructor(
    private readonly onHead: (head: HttpHead) => void,
    private readonly onBody: (bytes: Uint8Array) => void,
  ) {}

  get done(): boolean {
    return this.state === 'done';
  }

  push(bytes: Uint8Array): void {
    let at = 0;
    while (at < bytes.length && this.state !== 'done') {
      switch (this.state) {
        case 'head':
          at = this.head(bytes, at);
          break;
        case 'length':
          at = this.counted(bytes, at, 'done');
          break;
        case 'close':
          this.onBody(bytes.subarray(at));
          at = bytes.length;
          break;
        case 'data':
          at = this.counted(bytes, at, 'data-end');
          break;
        case 'size':
        case 'data-end':
        case 'trailer': {
          const text = this.readLine(bytes, at);
          at = text.next;
          if (text.line !== undefined) this.lineDone(text.line);
          break;
        }
      }
    }
    if (at < bytes.length && this.state === 'done' && bytes.subarray(at).some((b) => b !== 0x0d && b !== 0x0a)) {
      throw new HttpFormatError('the engine sent bytes after the end of its answer');
    }
  }

  /** The connection ended: only a close-delimited body may end this way. */
  end(): void {
    if (this.state === 'close') this.state = 'done';
    if (this.state !== 'done') throw new HttpFormatError('the engine closed the connection before its answer was complete');
  }

  /** Hands on up to `remaining` body bytes; when they are all through, moves to `next`. */
  private counted(bytes: Uint8Array, at: number, next: State): number {
    const n = Math.min(this.remaining, bytes.length - at);
    this.onBody(bytes.subarray(at, at + n));
    this.remaining -= n;
    if (this.remaining === 0) this.state = next;
    return at + n;
  }

  private head(bytes: Uint8Array, at: number): number {
    // Find the blank line ending the head, across pushes.
    let end = -1;
    for (let i = at; i < bytes.length; i++) {
      this.line.push(bytes[i]!);
      const n = this.line.length;
      if (n >= 4 && this.line[n - 4] === 13 && this.line[n - 3] === 10 && this.line[n - 2] === 13 && this.line[n - 1] === 10) {
        end = i + 1;
        break;
      }
      if (n > MAX_HEAD) throw new HttpFormatError('the engine answered with an oversized header');
    }
    if (end < 0) return bytes.length;
    const text = latin1.decode(Uint8Array.from(this.line));
    this.line = [];
    const [statusLine = '', ...fields] = text.split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
    if (!match) throw new HttpFormatError('the engine did not answer in HTTP/1.1');
    const headers = new Map<string, string>();
    for (const field of fields) {
      const colon = field.indexOf(':');
      if (colon > 0) headers.set(field.slice(0, colon).trim().toLowerCase(), field.slice(colon + 1).trim());
    }
    const status = Number(match[1]);
    this.onHead({ status, headers });
    const length = headers.get('content-length');
    if (/chunked/i.test(headers.get('transfer-encoding') ?? '')) this.state = 'size';
    else if (length !== undefined) {
      if (!/^\d{1,15}$/.test(length)) throw new HttpFormatError('the engine sent an invalid Content-Length');
      this.remaining = Number(length);
      this.state = this.remaining === 0 ? 'done' : 'length';
    } else if (status === 204 || status === 304) this.state = 'done';
    else this.state = 'close';
    return end;
  }

  private readLine(bytes: Uint8Array, at: number): { line?: string; next: number } {
    for (let i = at; i < bytes.length; i++) {
      if (bytes[i] === 10) {
        const line = latin1.decode(Uint8Array.from(this.line)).replace(/\r$/, '');
        this.line = [];
        return { line, next: i + 1 };
      }
      this.line.push(bytes[i]!);
      if (this.line.length > MAX_LINE) throw new HttpFormatError('the engine sent an overlong chunk line');
    }
    return { next: bytes.length };
  }

  private lineDone(line: string): void {
    if (this.state === 'data-end') {
      if (line !== '') throw new HttpFormatError('a chunk of the engine answer did not end where it said');
      this.state = 'size';
      return;
    }
    if (this.state === 'trailer') {
      if (line === '') this.state = 'done';
      return;
    }
    const size = /^([0-9a-fA-F]{1,12})(;.*)?$/.exec(line.trim());
    if (!size) throw new HttpFormatError('the engine sent an invalid chunk size');
    this.remaining = parseInt(size[1]!, 16);
    this.state = this.remaining === 0 ? 'trailer' : 'data';
  }
}
