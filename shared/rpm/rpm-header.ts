/**
 * RPM header parser for the blobs an rpmdb stores (SQLite `Packages.blob`, Berkeley DB `Packages` values,
 * NDB blobs): the header without its 8-byte magic, i.e.
 *
 *   il (be32) | dl (be32) | il × entry { tag, type, offset, count } (be32 each) | dl bytes of data
 *
 * Image content is untrusted: every count and offset is checked against the blob before it is used, work is
 * bounded by the blob's size, and problems come back as values (`{ ok: false }` or `warnings`), never throws.
 */
import { parsePgpSignature } from './openpgp-signature';
import type { RpmFile, RpmPackage } from './rpm-package';

/** The tags CertDesk reads (rpm's lib/rpmtag.h numbers). */
export const RpmTag = {
  HEADERIMAGE: 61,
  HEADERSIGNATURES: 62,
  HEADERIMMUTABLE: 63,
  HEADERI18NTABLE: 100,
  SIGPGP: 259,
  SIGGPG: 262,
  DSAHEADER: 267,
  RSAHEADER: 268,
  NAME: 1000,
  VERSION: 1001,
  RELEASE: 1002,
  EPOCH: 1003,
  SUMMARY: 1004,
  INSTALLTIME: 1008,
  VENDOR: 1011,
  LICENSE: 1014,
  ARCH: 1022,
  OLDFILENAMES: 1027,
  FILESIZES: 1028,
  FILEMODES: 1030,
  FILEDIGESTS: 1035,
  FILELINKTOS: 1036,
  FILEFLAGS: 1037,
  SOURCERPM: 1044,
  DIRINDEXES: 1116,
  BASENAMES: 1117,
  DIRNAMES: 1118,
  LONGFILESIZES: 5008,
  FILEDIGESTALGO: 5011,
} as const;

/** rpm's tag data types (rpmTagType). */
export const RpmType = {
  NULL: 0,
  CHAR: 1,
  INT8: 2,
  INT16: 3,
  INT32: 4,
  INT64: 5,
  STRING: 6,
  BIN: 7,
  STRING_ARRAY: 8,
  I18NSTRING: 9,
} as const;

/** rpm's own sanity limits (lib/header_internal.h): at most 64Ki tags and 256 MiB of data per header. */
export const HEADER_TAGS_MAX = 0xffff;
export const HEADER_DATA_MAX = 0x0fffffff;

const ENTRY_SIZE = 16;
const FIXED_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1 };

export interface HeaderEntry {
  tag: number;
  type: number;
  /** Offset into the data store. */
  offset: number;
  count: number;
}

/** A header whose index has been validated: every entry's data lies inside `data`. */
export interface RpmHeader {
  /** Entries by tag. When a tag repeats, the last one wins (rpm appends changed tags after the region). */
  entries: Map<number, HeaderEntry>;
  data: Uint8Array;
}

export type HeaderResult<T> = { ok: true; value: T; warnings: string[] } | { ok: false; error: string };

/**
 * Validate the index of a header blob. Checks what rpm's headerVerifyInfo checks that matters for reading:
 * sizes within limits, known types, each entry's data inside the data store, strings NUL-terminated.
 */
export function readRpmHeader(blob: Uint8Array): HeaderResult<RpmHeader> {
  if (blob.length < 8) return { ok: false, error: `header blob of ${blob.length} bytes is too short` };
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const il = view.getUint32(0);
  const dl = view.getUint32(4);
  if (il === 0 || il > HEADER_TAGS_MAX) return { ok: false, error: `header claims ${il} tags (allowed 1..${HEADER_TAGS_MAX})` };
  if (dl > HEADER_DATA_MAX) return { ok: false, error: `header claims ${dl} bytes of data (at most ${HEADER_DATA_MAX})` };
  const dataStart = 8 + il * ENTRY_SIZE;
  if (dataStart + dl > blob.length) {
    return { ok: false, error: `header claims ${il} tags and ${dl} data bytes but the blob has only ${blob.length} bytes` };
  }
  const warnings: string[] = [];
  if (dataStart + dl < blob.length) warnings.push(`${blob.length - dataStart - dl} trailing bytes after the header ignored`);
  const data = blob.subarray(dataStart, dataStart + dl);
  const entries = new Map<number, HeaderEntry>();
  // rpm never lets string entries share bytes, so scanning them all costs about dl. Without a budget, 64Ki
  // entries all pointing at the same megabytes of strings would make validation quadratic: a hang.
  const budget = { bytes: 2 * dl + 65536 };
  for (let i = 0; i < il; i++) {
    const at = 8 + i * ENTRY_SIZE;
    const entry: HeaderEntry = {
      tag: view.getUint32(at),
      type: view.getUint32(at + 4),
      // Region tags store a negative offset in their trailer, not here; this one is plain.
      offset: view.getInt32(at + 8),
      count: view.getUint32(at + 12),
    };
    const problem = checkEntry(entry, data, budget);
    if (problem) {
      // A broken region marker doesn't make the data unreadable; a broken ordinary tag does.
      if (isRegionTag(entry.tag)) {
        warnings.push(`tag ${entry.tag}: ${problem}`);
        continue;
      }
      return { ok: false, error: `tag ${entry.tag}: ${problem}` };
    }
    entries.set(entry.tag, entry);
  }
  return { ok: true, value: { entries, data }, warnings };
}

function isRegionTag(tag: number): boolean {
  return tag === RpmTag.HEADERIMAGE || tag === RpmTag.HEADERSIGNATURES || tag === RpmTag.HEADERIMMUTABLE;
}

function checkEntry(e: HeaderEntry, data: Uint8Array, budget: { bytes: number }): string | undefined {
  if (e.type < RpmType.CHAR || e.type > RpmType.I18NSTRING) return `unknown type ${e.type}`;
  if (e.count === 0) return 'count 0';
  if (e.offset < 0 || e.offset >= data.length) return `offset ${e.offset} outside the ${data.length}-byte data store`;
  const room = data.length - e.offset;
  const size = FIXED_SIZE[e.type];
  if (size !== undefined) {
    // Compare by division so a huge count can't overflow into a false "fits".
    if (e.count > Math.floor(room / size)) return `${e.count} × ${size}-byte values run past the data store`;
    return undefined;
  }
  if (e.type === RpmType.STRING && e.count !== 1) return `string with count ${e.count}`;
  // Each string takes at least its NUL, so more strings than bytes can't fit: no scan needed to refuse.
  if (e.count > room) return `${e.count} strings can't fit in ${room} bytes`;
  let pos = e.offset;
  for (let n = 0; n < e.count; n++) {
    const nul = data.indexOf(0, pos);
    if (nul < 0) return 'string runs past the data store';
    pos = nul + 1;
  }
  budget.bytes -= pos - e.offset;
  if (budget.bytes < 0) return 'string entries overlap far more than any real header (refusing to rescan them)';
  return undefined;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

function entryOf(h: RpmHeader, tag: number, types: readonly number[]): HeaderEntry | undefined {
  const e = h.entries.get(tag);
  return e && types.includes(e.type) ? e : undefined;
}

/** The strings of a STRING, STRING_ARRAY or I18NSTRING tag (for I18N, every translation). */
export function headerStrings(h: RpmHeader, tag: number): string[] | undefined {
  const e = entryOf(h, tag, [RpmType.STRING, RpmType.STRING_ARRAY, RpmType.I18NSTRING]);
  if (!e) return undefined;
  const out: string[] = [];
  let pos = e.offset;
  for (let n = 0; n < e.count; n++) {
    const nul = h.data.indexOf(0, pos);
    out.push(decoder.decode(h.data.subarray(pos, nul)));
    pos = nul + 1;
  }
  return out;
}

/** The first string of a string tag (for I18NSTRING, the untranslated one, as rpm prints it in the C locale). */
export function headerString(h: RpmHeader, tag: number): string | undefined {
  const e = entryOf(h, tag, [RpmType.STRING, RpmType.STRING_ARRAY, RpmType.I18NSTRING]);
  if (!e) return undefined;
  const nul = h.data.indexOf(0, e.offset);
  return decoder.decode(h.data.subarray(e.offset, nul));
}

/** Unsigned integers of an INT8/16/32/64 (or CHAR) tag. INT64 values above 2^53 lose precision. */
export function headerNumbers(h: RpmHeader, tag: number): number[] | undefined {
  const e = entryOf(h, tag, [RpmType.CHAR, RpmType.INT8, RpmType.INT16, RpmType.INT32, RpmType.INT64]);
  if (!e) return undefined;
  const size = FIXED_SIZE[e.type]!;
  const out = new Array<number>(e.count);
  for (let i = 0; i < e.count; i++) out[i] = readNumber(h.data, e.offset + i * size, size);
  return out;
}

export function headerNumber(h: RpmHeader, tag: number): number | undefined {
  const e = entryOf(h, tag, [RpmType.CHAR, RpmType.INT8, RpmType.INT16, RpmType.INT32, RpmType.INT64]);
  if (!e) return undefined;
  // Read one value only: a scalar tag with a huge (but in-bounds) count shouldn't cost an array.
  return readNumber(h.data, e.offset, FIXED_SIZE[e.type]!);
}

function readNumber(data: Uint8Array, at: number, size: number): number {
  // Big-endian by hand: no DataView per value on file lists with tens of thousands of entries.
  let v = 0;
  for (let i = 0; i < size; i++) v = v * 256 + data[at + i]!;
  return v;
}

/** The raw bytes of a BIN tag. */
export function headerBinary(h: RpmHeader, tag: number): Uint8Array | undefined {
  const e = entryOf(h, tag, [RpmType.BIN]);
  return e ? h.data.subarray(e.offset, e.offset + e.count) : undefined;
}

/** Signature tags in rpm's order of preference (rpm -qi's "Signature" line uses the same). */
const SIGNATURE_TAGS = [RpmTag.RSAHEADER, RpmTag.DSAHEADER, RpmTag.SIGPGP, RpmTag.SIGGPG] as const;

/** Signing key id and where it came from; `error` when a signature tag is present but unreadable. */
export function headerSignatureKeyId(h: RpmHeader): { keyId?: string; tag?: number; error?: string } {
  let error: string | undefined;
  for (const tag of SIGNATURE_TAGS) {
    const bin = headerBinary(h, tag);
    if (!bin) continue;
    const sig = parsePgpSignature(bin);
    if (sig.ok && sig.value.keyId) return { keyId: sig.value.keyId, tag };
    error ??= sig.ok ? `signature in tag ${tag} names no issuer` : `signature in tag ${tag}: ${sig.error}`;
  }
  return error ? { error } : {};
}

const RPMFILE_DEFAULT_DIGEST_ALGO = 1; // md5, what rpm assumes when FILEDIGESTALGO is absent

/**
 * Parse a header blob into an {@link RpmPackage}. Fails only when the index is unreadable or NAME is missing;
 * inconsistent per-file arrays become warnings (the affected field falls back to empty/0).
 */
export function parseRpmHeader(blob: Uint8Array): HeaderResult<RpmPackage> {
  try {
    const read = readRpmHeader(blob);
    if (!read.ok) return read;
    return packageFromHeader(read.value, read.warnings);
  } catch (err) {
    // Defence in depth: the checks above should make this unreachable, but a scan must never crash on one header.
    return { ok: false, error: `unreadable header: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export function packageFromHeader(h: RpmHeader, warnings: string[] = []): HeaderResult<RpmPackage> {
  const name = headerString(h, RpmTag.NAME);
  if (!name) return { ok: false, error: 'header has no NAME' };
  const label = name;
  const pkg: RpmPackage = {
    name,
    version: headerString(h, RpmTag.VERSION) ?? '',
    release: headerString(h, RpmTag.RELEASE) ?? '',
    // gpg-pubkey pseudo-packages have no ARCH; rpm prints "(none)", we keep it empty.
    arch: headerString(h, RpmTag.ARCH) ?? '',
    fileDigestAlgo: headerNumber(h, RpmTag.FILEDIGESTALGO) ?? RPMFILE_DEFAULT_DIGEST_ALGO,
    files: [],
  };
  const epoch = headerNumber(h, RpmTag.EPOCH);
  if (epoch !== undefined) pkg.epoch = epoch;
  const vendor = headerString(h, RpmTag.VENDOR);
  if (vendor !== undefined) pkg.vendor = vendor;
  const installTime = headerNumber(h, RpmTag.INSTALLTIME);
  if (installTime !== undefined) pkg.installTime = installTime;
  const summary = headerString(h, RpmTag.SUMMARY);
  if (summary !== undefined) pkg.summary = summary;
  const license = headerString(h, RpmTag.LICENSE);
  if (license !== undefined) pkg.license = license;
  const sourceRpm = headerString(h, RpmTag.SOURCERPM);
  if (sourceRpm !== undefined) pkg.sourceRpm = sourceRpm;
  const sig = headerSignatureKeyId(h);
  if (sig.keyId) pkg.signatureKeyId = sig.keyId;
  if (sig.error) warnings.push(`${label}: ${sig.error}`);
  pkg.files = readFiles(h, label, warnings);
  return { ok: true, value: pkg, warnings };
}

function readFiles(h: RpmHeader, label: string, warnings: string[]): RpmFile[] {
  const paths = readPaths(h, label, warnings);
  if (paths.length === 0) return [];
  const n = paths.length;
  const fileArray = <T>(tag: number, tagName: string, values: T[] | undefined): T[] | undefined => {
    if (values === undefined) return undefined;
    if (values.length === n) return values;
    warnings.push(`${label}: ${tagName} has ${values.length} entries for ${n} files; ignored`);
    return undefined;
  };
  const digests = fileArray(RpmTag.FILEDIGESTS, 'FILEDIGESTS', headerStrings(h, RpmTag.FILEDIGESTS));
  const modes = fileArray(RpmTag.FILEMODES, 'FILEMODES', headerNumbers(h, RpmTag.FILEMODES));
  const sizes =
    fileArray(RpmTag.LONGFILESIZES, 'LONGFILESIZES', headerNumbers(h, RpmTag.LONGFILESIZES)) ??
    fileArray(RpmTag.FILESIZES, 'FILESIZES', headerNumbers(h, RpmTag.FILESIZES));
  const flags = fileArray(RpmTag.FILEFLAGS, 'FILEFLAGS', headerNumbers(h, RpmTag.FILEFLAGS));
  const links = fileArray(RpmTag.FILELINKTOS, 'FILELINKTOS', headerStrings(h, RpmTag.FILELINKTOS));
  const files: RpmFile[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const file: RpmFile = {
      path: paths[i]!,
      digest: digests?.[i] ?? '',
      mode: modes?.[i] ?? 0,
      size: sizes?.[i] ?? 0,
      flags: flags?.[i] ?? 0,
    };
    const link = links?.[i];
    if (link) file.linkTarget = link;
    files[i] = file;
  }
  return files;
}

function readPaths(h: RpmHeader, label: string, warnings: string[]): string[] {
  const basenames = headerStrings(h, RpmTag.BASENAMES);
  if (basenames === undefined) return headerStrings(h, RpmTag.OLDFILENAMES) ?? [];
  const dirnames = headerStrings(h, RpmTag.DIRNAMES);
  const dirindexes = headerNumbers(h, RpmTag.DIRINDEXES);
  if (!dirnames || !dirindexes || dirindexes.length !== basenames.length) {
    warnings.push(`${label}: BASENAMES without matching DIRNAMES/DIRINDEXES; file list ignored`);
    return [];
  }
  const paths: string[] = new Array(basenames.length);
  for (let i = 0; i < basenames.length; i++) {
    const dir = dirnames[dirindexes[i]!];
    if (dir === undefined) {
      warnings.push(`${label}: DIRINDEXES[${i}] = ${dirindexes[i]} but there are ${dirnames.length} DIRNAMES; file list ignored`);
      return [];
    }
    paths[i] = dir + basenames[i]!;
  }
  return paths;
}
