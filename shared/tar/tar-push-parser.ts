/**
 * A synchronous, push-driven tar reader: bytes go in with `push`, entries come out as calls, and no
 * byte is kept after `push` returns unless the receiver copies it. Scanning an image streams hundreds
 * of megabytes through two nested tars (the archive and each layer); doing that without a stream
 * object, a promise or an allocation per chunk is what keeps the scan near the engine's own speed.
 *
 * Reads ustar, GNU (long names, base-256 sizes) and pax (path, linkpath, size) headers, verifies each
 * header's checksum, and, like Go's archive/tar that writes Docker's layers, gives header-only types
 * (links, directories, devices, fifos) no content whatever their size field says.
 */

export type TarEntryType =
  | 'file'
  | 'link'
  | 'symlink'
  | 'character-device'
  | 'block-device'
  | 'directory'
  | 'fifo'
  | 'contiguous-file'
  | 'unknown';

export interface TarHeader {
  name: string;
  type: TarEntryType;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  linkname: string;
}

/** Receives one entry's content; `bytes` is only valid during the call. */
export interface TarContentSink {
  data(bytes: Uint8Array): void;
  end(): void;
}

export class TarFormatError extends Error {}

const BLOCK = 512;
/** pax and GNU long-name records: real ones are a few hundred bytes. */
const MAX_META = 1024 * 1024;
const HEADER_ONLY = new Set<TarEntryType>(['link', 'symlink', 'character-device', 'block-device', 'directory', 'fifo']);
const TYPES: Record<number, TarEntryType> = {
  0: 'file',
  48: 'file',
  49: 'link',
  50: 'symlink',
  51: 'character-device',
  52: 'block-device',
  53: 'directory',
  54: 'fifo',
  55: 'contiguous-file',
};
const PAX = 0x78; // 'x'
const PAX_GLOBAL = 0x67; // 'g'
const GNU_LONG_NAME = 0x4c; // 'L'
const GNU_LONG_LINK = 0x4b; // 'K'

const utf8 = new TextDecoder('utf-8');

type State = 'header' | 'content' | 'padding';

export class TarPushParser {
  private state: State = 'header';
  private readonly block = new Uint8Array(BLOCK);
  private blockFill = 0;
  private remaining = 0;
  private padding = 0;
  private sink: TarContentSink | undefined;
  /** Collecting a pax or GNU long-name record for the next header. */
  private meta: { kind: number; parts: Uint8Array[]; length: number } | undefined;
  private pax: Record<string, string> = {};
  private longName: string | undefined;
  private longLink: string | undefined;
  private entries = 0;

  constructor(private readonly onEntry: (header: TarHeader) => TarContentSink | undefined) {}

  /** Entries seen so far (headers of real entries, not pax or long-name records). */
  get entryCount(): number {
    return this.entries;
  }

  push(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.state === 'header') {
        if (this.blockFill === 0 && chunk.length - at >= BLOCK) {
          this.header(chunk.subarray(at, at + BLOCK));
          at += BLOCK;
          continue;
        }
        const n = Math.min(BLOCK - this.blockFill, chunk.length - at);
        this.block.set(chunk.subarray(at, at + n), this.blockFill);
        this.blockFill += n;
        at += n;
        if (this.blockFill === BLOCK) {
          this.blockFill = 0;
          this.header(this.block);
        }
      } else if (this.state === 'content') {
        const n = Math.min(this.remaining, chunk.length - at);
        this.content(chunk.subarray(at, at + n));
        at += n;
        this.remaining -= n;
        if (this.remaining === 0) this.finishContent();
      } else {
        const n = Math.min(this.padding, chunk.length - at);
        at += n;
        this.padding -= n;
        if (this.padding === 0) this.state = 'header';
      }
    }
  }

  /** The input is over: an entry cut short is an error; a missing end-of-archive marker is not (Docker's own reader agrees). */
  end(): void {
    if (this.state === 'content' || this.blockFill !== 0) {
      throw new TarFormatError('the tar ends in the middle of an entry (truncated)');
    }
  }

  private header(block: Uint8Array): void {
    const sum = checksum(block);
    if (sum === 8 * 32) return; // an all-zero block: end-of-archive marker or padding
    const stored = readNumber(block, 148, 8);
    if (stored !== sum && stored !== signedChecksum(block)) {
      throw new TarFormatError('invalid tar header (bad checksum): the file is corrupt or not a tar');
    }
    const flag = block[156]!;
    let size = readNumber(block, 124, 12);
    if (size < 0) throw new TarFormatError('invalid tar header (negative size)');

    if (flag === PAX || flag === PAX_GLOBAL || flag === GNU_LONG_NAME || flag === GNU_LONG_LINK) {
      if (size > MAX_META) throw new TarFormatError(`a tar metadata record of ${size} bytes; refusing`);
      this.meta = { kind: flag, parts: [], length: 0 };
      this.startContent(size, undefined);
      return;
    }

    if (this.pax.size !== undefined && /^\d{1,15}$/.test(this.pax.size)) size = Number(this.pax.size);
    if (!Number.isSafeInteger(size)) throw new TarFormatError('invalid tar header (size)');
    let name = cString(block, 0, 100);
    const magic = cString(block, 257, 6);
    const version = cString(block, 263, 2);
    if (magic === 'ustar' && version === '00' && block[345] !== 0) name = `${cString(block, 345, 155)}/${name}`;
    let linkname = cString(block, 157, 100);
    if (this.longName !== undefined) name = this.longName;
    if (this.longLink !== undefined) linkname = this.longLink;
    if (this.pax.path !== undefined) name = this.pax.path;
    if (this.pax.linkpath !== undefined) linkname = this.pax.linkpath;
    this.longName = undefined;
    this.longLink = undefined;
    this.pax = {};

    let type = TYPES[flag] ?? 'unknown';
    if (type === 'file' && name.endsWith('/')) type = 'directory';
    const header: TarHeader = {
      name,
      type,
      size: HEADER_ONLY.has(type) ? 0 : size,
      mode: readNumber(block, 100, 8),
      uid: readNumber(block, 108, 8),
      gid: readNumber(block, 116, 8),
      linkname,
    };
    this.entries += 1;
    const sink = this.onEntry(header);
    this.startContent(header.size, sink);
  }

  private startContent(size: number, sink: TarContentSink | undefined): void {
    this.sink = sink;
    this.remaining = size;
    this.padding = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) this.finishContent();
    else this.state = 'content';
  }

  private content(bytes: Uint8Array): void {
    if (this.meta) {
      // A copy: `bytes` is only lent for this call (and a Buffer's slice() would be a view, not a copy).
      this.meta.parts.push(new Uint8Array(bytes));
      this.meta.length += bytes.length;
    } else {
      this.sink?.data(bytes);
    }
  }

  private finishContent(): void {
    this.state = this.padding > 0 ? 'padding' : 'header';
    if (this.meta) {
      const meta = this.meta;
      this.meta = undefined;
      const bytes = concat(meta.parts, meta.length);
      if (meta.kind === PAX) this.pax = { ...this.pax, ...parsePax(bytes) };
      else if (meta.kind === GNU_LONG_NAME) this.longName = cString(bytes, 0, bytes.length);
      else if (meta.kind === GNU_LONG_LINK) this.longLink = cString(bytes, 0, bytes.length);
      return;
    }
    const sink = this.sink;
    this.sink = undefined;
    sink?.end();
  }
}

function checksum(block: Uint8Array): number {
  let sum = 8 * 32;
  for (let i = 0; i < 148; i++) sum += block[i]!;
  for (let i = 156; i < BLOCK; i++) sum += block[i]!;
  return sum;
}

/** Some old writers summed signed bytes. */
function signedChecksum(block: Uint8Array): number {
  let sum = 8 * 32;
  for (let i = 0; i < BLOCK; i++) {
    if (i >= 148 && i < 156) continue;
    const b = block[i]!;
    sum += b > 127 ? b - 256 : b;
  }
  return sum;
}

/** Octal text (with spaces or NULs around it) or GNU base-256 (high bit set). */
function readNumber(block: Uint8Array, offset: number, length: number): number {
  if (block[offset]! & 0x80) {
    if (block[offset]! & 0x40) return -1; // negative base-256: never valid here
    let value = block[offset]! & 0x3f;
    for (let i = 1; i < length; i++) value = value * 256 + block[offset + i]!;
    return value;
  }
  let value = 0;
  let seen = false;
  for (let i = offset; i < offset + length; i++) {
    const b = block[i]!;
    if (b >= 0x30 && b <= 0x37) {
      value = value * 8 + (b - 0x30);
      seen = true;
    } else if (b === 0x20 || b === 0) {
      if (seen) break;
    } else {
      throw new TarFormatError(`invalid tar header (the number at offset ${offset} is not octal: ${JSON.stringify(String.fromCharCode(...block.subarray(offset, offset + length)))})`);
    }
  }
  return value;
}

function cString(bytes: Uint8Array, offset: number, length: number): string {
  let end = offset;
  const limit = Math.min(bytes.length, offset + length);
  while (end < limit && bytes[end] !== 0) end++;
  return utf8.decode(bytes.subarray(offset, end));
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** pax records: "<length> <key>=<value>\n". */
function parsePax(bytes: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;
  while (at < bytes.length) {
    let space = at;
    while (space < bytes.length && bytes[space] !== 0x20) space++;
    const length = Number(utf8.decode(bytes.subarray(at, space)));
    if (!Number.isSafeInteger(length) || length <= space - at || at + length > bytes.length) break;
    const record = utf8.decode(bytes.subarray(space + 1, at + length - 1));
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    at += length;
  }
  return out;
}
