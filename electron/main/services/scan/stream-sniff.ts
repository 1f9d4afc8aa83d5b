import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * Looks at the first bytes of a stream without losing them, so a layer can be recognised as gzip,
 * tar or JSON before it is consumed. Backpressure is kept: the rest is pulled on demand.
 */
export async function sniffStream(stream: NodeJS.ReadableStream | Readable, minBytes = 512): Promise<{ head: Buffer; stream: Readable }> {
  const iterator = (stream as Readable)[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < minBytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value as Uint8Array);
    chunks.push(chunk);
    length += chunk.length;
  }
  const head = Buffer.concat(chunks);
  const rest = Readable.from(
    (async function* () {
      if (head.length > 0) yield head;
      if (ended) return;
      while (true) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value as Buffer;
      }
    })(),
    { objectMode: false },
  );
  return { head, stream: rest };
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
