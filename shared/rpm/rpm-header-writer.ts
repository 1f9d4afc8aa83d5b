/**
 * Writes RPM header blobs (the rpmdb form: il, dl, index, data). The inverse of rpm-header.ts, used by tests
 * here and by the scan tests to fabricate packages without running rpmbuild.
 */
import { RpmType } from './rpm-header';

export type HeaderWriteValue =
  | { type: typeof RpmType.STRING | typeof RpmType.STRING_ARRAY | typeof RpmType.I18NSTRING; value: readonly string[] }
  | { type: typeof RpmType.INT8 | typeof RpmType.INT16 | typeof RpmType.INT32 | typeof RpmType.INT64 | typeof RpmType.CHAR; value: readonly number[] }
  | { type: typeof RpmType.BIN; value: Uint8Array };

export interface HeaderWriteEntry {
  tag: number;
  data: HeaderWriteValue;
}

const ALIGN: Record<number, number> = { 3: 2, 4: 4, 5: 8 };
const SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8 };

export function writeRpmHeader(entries: readonly HeaderWriteEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const chunks: number[] = [];
  const index: Array<[number, number, number, number]> = [];
  for (const { tag, data } of entries) {
    const align = ALIGN[data.type] ?? 1;
    while (chunks.length % align) chunks.push(0);
    const offset = chunks.length;
    if (data.type === RpmType.BIN) {
      chunks.push(...data.value);
      index.push([tag, data.type, offset, data.value.length]);
    } else if (data.type === RpmType.STRING || data.type === RpmType.STRING_ARRAY || data.type === RpmType.I18NSTRING) {
      for (const s of data.value) chunks.push(...encoder.encode(s), 0);
      index.push([tag, data.type, offset, data.value.length]);
    } else {
      const size = SIZE[data.type]!;
      for (const n of data.value) {
        let v = BigInt(n);
        const bytes: number[] = [];
        for (let i = 0; i < size; i++) {
          bytes.unshift(Number(v & 0xffn));
          v >>= 8n;
        }
        chunks.push(...bytes);
      }
      index.push([tag, data.type, offset, data.value.length]);
    }
  }
  const out = new Uint8Array(8 + index.length * 16 + chunks.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, index.length);
  view.setUint32(4, chunks.length);
  index.forEach(([tag, type, offset, count], i) => {
    view.setUint32(8 + i * 16, tag);
    view.setUint32(12 + i * 16, type);
    view.setUint32(16 + i * 16, offset);
    view.setUint32(20 + i * 16, count);
  });
  out.set(chunks, 8 + index.length * 16);
  return out;
}

/** A v4 OpenPGP signature packet (new format) whose only content that matters is its issuer subpackets. */
export function fakePgpSignatureV4(keyId: string, options: { fingerprint?: string; unhashedIssuer?: boolean } = {}): Uint8Array {
  const hexBytes = (h: string): number[] => h.match(/../g)!.map((x) => parseInt(x, 16));
  const hashed: number[] = [5, 2, 0x60, 0, 0, 0]; // creation time subpacket
  if (options.fingerprint) hashed.push(22, 33, 4, ...hexBytes(options.fingerprint));
  const unhashed: number[] = [];
  (options.unhashedIssuer === false ? hashed : unhashed).push(9, 16, ...hexBytes(keyId));
  const body = [4, 0, 1, 8, hashed.length >> 8, hashed.length & 0xff, ...hashed, unhashed.length >> 8, unhashed.length & 0xff, ...unhashed, 0xab, 0xcd, 0, 8, 0x80];
  return new Uint8Array([0xc2, body.length, ...body]);
}

/** A v3 OpenPGP signature packet (old format, one-octet length), as older rpm signed. */
export function fakePgpSignatureV3(keyId: string): Uint8Array {
  const kid = keyId.match(/../g)!.map((x) => parseInt(x, 16));
  const body = [3, 5, 0, 0x50, 0, 0, 0, ...kid, 1, 2, 0xab, 0xcd, 0, 8, 0x80];
  return new Uint8Array([0x88, body.length, ...body]);
}
