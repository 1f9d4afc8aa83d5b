import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HttpFormatError, HttpResponseReader, type HttpHead } from './http-response-reader';

function read(response: Uint8Array, cuts: number[], close = true): { head?: HttpHead; body: string; done: boolean } {
  let head: HttpHead | undefined;
  const body: Buffer[] = [];
  const reader = new HttpResponseReader(
    (h) => (head = h),
    (b) => void body.push(Buffer.from(b)),
  );
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    reader.push(response.subarray(at, Math.max(at, cut)));
    at = Math.max(at, cut);
  }
  reader.push(response.subarray(at));
  if (close) reader.end();
  return { ...(head ? { head } : {}), body: Buffer.concat(body).toString('latin1'), done: reader.done };
}

function chunked(parts: string[]): string {
  return parts.map((p) => `${p.length.toString(16)}\r\n${p}\r\n`).join('') + '0\r\n\r\n';
}

describe('HTTP response reader', () => {
  it('reads chunked, length and close-delimited bodies the same wherever the bytes are cut', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 300 }), { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 20 }), (parts, rawCuts) => {
        const body = parts.join('');
        const responses = [
          `HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n${chunked(parts)}`,
          `HTTP/1.1 200 OK\r\nContent-Length: ${Buffer.byteLength(body, 'latin1')}\r\n\r\n${body}`,
          `HTTP/1.0 200 OK\r\n\r\n${body}`,
        ];
        for (const text of responses) {
          const bytes = Buffer.from(text, 'latin1');
          const result = read(bytes, rawCuts.map((c) => c % (bytes.length + 1)));
          expect(result.head?.status).toBe(200);
          expect(result.body).toBe(body);
          expect(result.done).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gives the status and error body of a refusal', () => {
    const text = 'HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 38\r\n\r\n{"message":"reference does not exist"}';
    const result = read(Buffer.from(text), [5, 40]);
    expect(result.head?.status).toBe(404);
    expect(JSON.parse(result.body)).toEqual({ message: 'reference does not exist' });
  });

  it('says when an answer is cut short or malformed', () => {
    const cut = Buffer.from(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${chunked(['abc', 'def'])}`.slice(0, -7));
    expect(() => read(cut, [])).toThrow(/before its answer was complete/);
    expect(() => read(Buffer.from('SSH-2.0-OpenSSH\r\n\r\n'), [])).toThrow(HttpFormatError);
    expect(() => read(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'), [], false)).toThrow(/chunk size/);
    expect(() => read(Buffer.from(`HTTP/1.1 200 OK\r\nX: ${'y'.repeat(70_000)}`), [], false)).toThrow(/oversized/);
  });
});
