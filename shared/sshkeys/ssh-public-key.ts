import { base64Decode, base64Encode } from './bytes';
import { SshReader, SshWriter } from './ssh-wire';

/** The public key blob of `ssh-rsa`: string "ssh-rsa", mpint e, mpint n (RFC 4253 §6.6). */
export function rsaPublicBlob(e: Uint8Array, n: Uint8Array): Uint8Array {
  return new SshWriter().string('ssh-rsa').mpint(e).mpint(n).bytes();
}

/** The line that goes into authorized_keys or a git host's deploy keys. */
export function publicKeyLine(blob: Uint8Array, comment: string): string {
  const type = new SshReader(blob).text();
  const safeComment = comment.replace(/[\s]+/g, '-');
  return safeComment ? `${type} ${base64Encode(blob)} ${safeComment}` : `${type} ${base64Encode(blob)}`;
}

/** As `ssh-keygen -l` prints it: `SHA256:` and the digest in base64 without padding. */
export function formatSha256Fingerprint(digest: Uint8Array): string {
  return `SHA256:${base64Encode(digest, false)}`;
}

export interface ParsedPublicLine {
  type: string;
  blob: Uint8Array;
  comment: string;
}

export function parsePublicKeyLine(line: string): ParsedPublicLine | undefined {
  const match = /^(\S+)\s+([A-Za-z0-9+/]+={0,2})(?:\s+(.*))?$/.exec(line.trim());
  if (!match) return undefined;
  const blob = base64Decode(match[2] as string);
  if (!blob) return undefined;
  try {
    const type = new SshReader(blob).text();
    if (type !== match[1]) return undefined;
    return { type, blob, comment: match[3] ?? '' };
  } catch {
    return undefined;
  }
}
