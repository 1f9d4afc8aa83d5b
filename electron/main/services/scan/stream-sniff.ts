import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** What both Node's streams and streamx's (tar-stream's entries) offer for reading ahead and putting back. */
interface PeekableStream {
  read(): Buffer | Uint8Array | null;
  unshift(chunk: Buffer): void;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off?(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string, listener: (...args: unknown[]) => void): unknown;
}

/**
 * Looks at the first bytes of a stream without losing them, so a layer can be recognised as gzip,
 * tar or JSON before it is consumed. The bytes read are put back (`unshift`), so whoever reads next
 * gets the very same stream: no wrapper, no copy, nothing in the way of the hundreds of megabytes that
 * follow (a wrapper stream here cost a copy of the whole image and most of the scan's GC time).
 * A stream that ends before `minBytes` is handed back as a new stream of what it held.
 */
export async function sniffStream(stream: NodeJS.ReadableStream | Readable, minBytes = 512): Promise<{ head: Buffer; stream: Readable }> {
  const source = stream as unknown as PeekableStream;
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const onReadable = () => wake?.();
  const onEnd = () => {
    ended = true;
    wake?.();
  };
  const onError = (err: unknown) => {
    failure = err;
    wake?.();
  };
  source.on('readable', onReadable);
  source.on('end', onEnd);
  source.on('error', onError);
  try {
    while (length < minBytes) {
      if (failure) throw failure;
      const chunk = source.read();
      if (chunk !== null) {
        const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
        chunks.push(buffer);
        length += buffer.length;
        continue;
      }
      if (ended) break;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    source.removeListener('readable', onReadable);
    source.removeListener('end', onEnd);
    source.removeListener('error', onError);
  }
  const head = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  if (ended) return { head, stream: Readable.from(head.length > 0 ? [head] : []) };
  if (head.length > 0) source.unshift(head);
  return { head, stream: stream as Readable };
}

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** POSIX/GNU tar: "ustar" at offset 257 of the first header. */
export function isTar(head: Uint8Array): boolean {
  return head.length >= 262 && Buffer.from(head.subarray(257, 262)).toString('latin1') === 'ustar';
}

export function looksLikeJson(head: Uint8Array): boolean {
  for (const byte of head) {
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
    return byte === 0x7b || byte === 0x5b;
  }
  return false;
}

/** The stream decompressed when it is gzip, as is otherwise. */
export async function maybeGunzip(stream: NodeJS.ReadableStream | Readable): Promise<{ head: Buffer; stream: Readable; gzip: boolean }> {
  const sniffed = await sniffStream(stream);
  if (!isGzip(sniffed.head)) return { ...sniffed, gzip: false };
  const gunzip = createGunzip();
  sniffed.stream.on('error', (err) => gunzip.destroy(err));
  sniffed.stream.pipe(gunzip);
  return { head: sniffed.head, stream: gunzip, gzip: true };
}
