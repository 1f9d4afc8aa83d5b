import { stripLeadingZeros } from './bytes';

/** Thrown for a truncated or malformed SSH wire structure; callers turn it into KEY_INVALID. */
export class SshWireError extends Error {}

/** Reads RFC 4251 types: uint32, string (length-prefixed bytes), mpint. Never reads past the end. */
export class SshReader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  uint32(): number {
    if (this.remaining < 4) throw new SshWireError('truncated');
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return ((b[p] as number) * 0x1000000) + (((b[p + 1] as number) << 16) | ((b[p + 2] as number) << 8) | (b[p + 3] as number));
  }

  string(): Uint8Array {
    const length = this.uint32();
    if (length > this.remaining) throw new SshWireError('truncated');
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  text(): string {
    return new TextDecoder('utf-8', { fatal: false }).decode(this.string());
  }

  /** mpint as unsigned magnitude bytes (RSA components are positive). */
  mpint(): Uint8Array {
    const raw = this.string();
    if (raw.length > 0 && ((raw[0] as number) & 0x80) !== 0) throw new SshWireError('negative mpint');
    return stripLeadingZeros(raw);
  }

  bytesLeft(): Uint8Array {
    const out = this.bytes.subarray(this.pos);
    this.pos = this.bytes.length;
    return out;
  }
}

export class SshWriter {
  private readonly parts: Uint8Array[] = [];

  uint32(n: number): this {
    this.parts.push(new Uint8Array([(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]));
    return this;
  }

  string(bytes: Uint8Array | string): this {
    const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    this.uint32(b.length);
    this.parts.push(b);
    return this;
  }

  /** Unsigned magnitude → mpint: no leading zeros, one zero byte when the top bit is set. */
  mpint(magnitude: Uint8Array): this {
    const m = stripLeadingZeros(magnitude);
    if (m.length === 1 && m[0] === 0) return this.string(new Uint8Array(0));
    if (((m[0] as number) & 0x80) !== 0) {
      const padded = new Uint8Array(m.length + 1);
      padded.set(m, 1);
      return this.string(padded);
    }
    return this.string(m);
  }

  bytes(): Uint8Array {
    const length = this.parts.reduce((sum, p) => sum + p.length, 0);
    const out = new Uint8Array(length);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}
