/**
 * Just enough OpenPGP (RFC 4880 / RFC 9580) to say who signed an RPM: the signature packet's version,
 * algorithms, creation time and issuer key id. No cryptography: is_rhel only needs to know which key
 * claims to have signed the package (the scan reports it; it does not verify it).
 */

export interface PgpSignatureInfo {
  /** Signature packet version: 3, 4, 5 or 6. */
  version: number;
  /** Long key id, 16 lower-case hex digits, when the packet names its issuer. */
  keyId?: string;
  /** Issuer fingerprint (lower-case hex) when the packet carries the issuer-fingerprint subpacket. */
  fingerprint?: string;
  /** Public-key algorithm (1 RSA, 17 DSA, 19 ECDSA, 22 EdDSA, 27 Ed25519, ...). */
  pubkeyAlgo: number;
  /** Hash algorithm (2 SHA1, 8 SHA256, 10 SHA512, ...). */
  hashAlgo: number;
  /** Creation time, seconds since the epoch. */
  created?: number;
}

export type PgpSignatureParse = { ok: true; value: PgpSignatureInfo } | { ok: false; error: string };

const SIGNATURE_PACKET_TAG = 2;
const SUBPACKET_CREATED = 2;
const SUBPACKET_ISSUER = 16;
const SUBPACKET_ISSUER_FINGERPRINT = 33;

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Parse the first packet of `bytes` as an OpenPGP signature packet. Never throws. */
export function parsePgpSignature(bytes: Uint8Array): PgpSignatureParse {
  const header = readPacketHeader(bytes);
  if (!header.ok) return header;
  if (header.tag !== SIGNATURE_PACKET_TAG) return { ok: false, error: `OpenPGP packet tag ${header.tag} is not a signature` };
  const body = bytes.subarray(header.bodyStart, header.bodyStart + header.bodyLength);
  return parseSignatureBody(body);
}

type PacketHeader = { ok: true; tag: number; bodyStart: number; bodyLength: number } | { ok: false; error: string };

function readPacketHeader(bytes: Uint8Array): PacketHeader {
  const b0 = bytes[0];
  if (b0 === undefined || (b0 & 0x80) === 0) return { ok: false, error: 'not an OpenPGP packet' };
  let tag: number;
  let pos = 1;
  let length: number;
  if (b0 & 0x40) {
    tag = b0 & 0x3f;
    const o1 = bytes[pos];
    if (o1 === undefined) return { ok: false, error: 'truncated OpenPGP packet length' };
    if (o1 < 192) {
      length = o1;
      pos += 1;
    } else if (o1 < 224) {
      const o2 = bytes[pos + 1];
      if (o2 === undefined) return { ok: false, error: 'truncated OpenPGP packet length' };
      length = ((o1 - 192) << 8) + o2 + 192;
      pos += 2;
    } else if (o1 === 255) {
      if (pos + 5 > bytes.length) return { ok: false, error: 'truncated OpenPGP packet length' };
      length = readU32(bytes, pos + 1);
      pos += 5;
    } else {
      // Partial body lengths are only allowed for data packets, never for a signature.
      return { ok: false, error: 'OpenPGP partial body length in a signature packet' };
    }
  } else {
    tag = (b0 >> 2) & 0x0f;
    const lengthType = b0 & 0x03;
    if (lengthType === 3) {
      length = bytes.length - pos;
    } else {
      const n = lengthType === 0 ? 1 : lengthType === 1 ? 2 : 4;
      if (pos + n > bytes.length) return { ok: false, error: 'truncated OpenPGP packet length' };
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + bytes[pos + i]!;
      pos += n;
    }
  }
  if (length > bytes.length - pos) return { ok: false, error: 'OpenPGP packet longer than its data' };
  return { ok: true, tag, bodyStart: pos, bodyLength: length };
}

function readU32(bytes: Uint8Array, pos: number): number {
  return ((bytes[pos]! << 24) >>> 0) + (bytes[pos + 1]! << 16) + (bytes[pos + 2]! << 8) + bytes[pos + 3]!;
}

function parseSignatureBody(body: Uint8Array): PgpSignatureParse {
  const version = body[0];
  if (version === undefined) return { ok: false, error: 'empty OpenPGP signature packet' };
  if (version === 3 || version === 2) {
    // v3: version, hashed length (always 5), type, created(4), key id(8), pubkey algo, hash algo.
    if (body.length < 19 || body[1] !== 5) return { ok: false, error: 'malformed v3 OpenPGP signature' };
    return {
      ok: true,
      value: {
        version,
        created: readU32(body, 3),
        keyId: hex(body.subarray(7, 15)),
        pubkeyAlgo: body[15]!,
        hashAlgo: body[16]!,
      },
    };
  }
  if (version !== 4 && version !== 5 && version !== 6) {
    return { ok: false, error: `unsupported OpenPGP signature version ${version}` };
  }
  // v4/v5: two-octet subpacket area lengths; v6 (RFC 9580): four-octet.
  const lengthSize = version === 6 ? 4 : 2;
  if (body.length < 4 + lengthSize) return { ok: false, error: 'truncated OpenPGP signature' };
  const info: PgpSignatureInfo = { version, pubkeyAlgo: body[2]!, hashAlgo: body[3]! };
  let pos = 4;
  for (const area of ['hashed', 'unhashed'] as const) {
    if (pos + lengthSize > body.length) return { ok: false, error: `truncated OpenPGP ${area} subpacket length` };
    const areaLength = lengthSize === 2 ? (body[pos]! << 8) + body[pos + 1]! : readU32(body, pos);
    pos += lengthSize;
    if (areaLength > body.length - pos) return { ok: false, error: `OpenPGP ${area} subpackets run past the packet` };
    const problem = readSubpackets(body.subarray(pos, pos + areaLength), info, area === 'hashed');
    if (problem) return { ok: false, error: problem };
    pos += areaLength;
  }
  if (info.keyId === undefined && info.fingerprint !== undefined) {
    // v4 key ids are the fingerprint's last 8 bytes; v5/v6 fingerprints (32 bytes) use the first 8.
    info.keyId = info.fingerprint.length === 40 ? info.fingerprint.slice(24) : info.fingerprint.slice(0, 16);
  }
  return { ok: true, value: info };
}

/** Fill issuer / creation fields from one subpacket area; hashed values win. Returns a problem or undefined. */
function readSubpackets(area: Uint8Array, info: PgpSignatureInfo, hashed: boolean): string | undefined {
  let pos = 0;
  while (pos < area.length) {
    const o1 = area[pos]!;
    let length: number;
    if (o1 < 192) {
      length = o1;
      pos += 1;
    } else if (o1 < 255) {
      if (pos + 2 > area.length) return 'truncated OpenPGP subpacket length';
      length = ((o1 - 192) << 8) + area[pos + 1]! + 192;
      pos += 2;
    } else {
      if (pos + 5 > area.length) return 'truncated OpenPGP subpacket length';
      length = readU32(area, pos + 1);
      pos += 5;
    }
    // The length covers the type octet too, so it is at least 1.
    if (length < 1 || length > area.length - pos) return 'OpenPGP subpacket runs past its area';
    const type = area[pos]! & 0x7f;
    const data = area.subarray(pos + 1, pos + length);
    if (type === SUBPACKET_ISSUER && data.length === 8 && (hashed || info.keyId === undefined)) {
      info.keyId = hex(data);
    } else if (type === SUBPACKET_ISSUER_FINGERPRINT && data.length >= 21 && (hashed || info.fingerprint === undefined)) {
      info.fingerprint = hex(data.subarray(1));
    } else if (type === SUBPACKET_CREATED && data.length === 4 && hashed) {
      info.created = readU32(data, 0);
    }
    pos += length;
  }
  return undefined;
}
