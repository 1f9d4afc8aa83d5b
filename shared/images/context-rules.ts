/**
 * What never goes into a build context, whatever `.dockerignore` says: version-control data,
 * private keys (by name or by content) and the app's own data folder. Pure: the service reads
 * the files and asks these functions.
 */

const NEVER_DIRS = new Set(['.git', '.hg', '.svn']);
/** SSH key files by their usual names, PuTTY keys, and PKCS#12 bundles (which carry a private key). */
const KEY_NAMES = /^(?:id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?|.*\.ppk|.*_rsa|.*_ed25519|.*\.p12|.*\.pfx)$/i;
/**
 * A private key anywhere in the text, not only at its start: a certificate bundled before its key,
 * `openssl pkcs12` output ("Bag Attributes" first), a key after a comment or a byte-order mark, a
 * PGP secret key block, a PuTTY key.
 */
const PRIVATE_KEY_MARKER = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|PuTTY-User-Key-File-\d+:/;

export type NeverSendReason = 'version-control' | 'private-key-name' | 'private-key-content' | 'app-data';

/** Excluded by path alone (a `.git` anywhere, a file called like an SSH private key). */
export function neverSendByPath(relativePath: string, isDirectory: boolean): NeverSendReason | undefined {
  const segments = relativePath.split('/');
  if (segments.some((s) => NEVER_DIRS.has(s))) return 'version-control';
  const base = segments[segments.length - 1] ?? '';
  if (!isDirectory && KEY_NAMES.test(base) && !base.endsWith('.pub')) return 'private-key-name';
  return undefined;
}

/** Excluded by content: `head` is the file's first `KEY_SNIFF_BYTES` as latin1 text. */
export function looksLikePrivateKey(head: string): boolean {
  return PRIVATE_KEY_MARKER.test(head);
}

/**
 * How much of each file is searched for a key. Key files and the configs and bundles that embed
 * one are small; reading this much of every file costs little next to sending the context.
 */
export const KEY_SNIFF_BYTES = 256 * 1024;

export const CONTEXT_WARN_BYTES = 200 * 1024 * 1024;
export const CONTEXT_WARN_FILES = 20_000;

export function contextWarnings(files: number, bytes: number): string[] {
  const warnings: string[] = [];
  if (bytes >= CONTEXT_WARN_BYTES) {
    warnings.push(`The build context is ${(bytes / 1024 / 1024).toFixed(0)} MiB: every build sends all of it to the engine. Add large folders you don't COPY to .dockerignore.`);
  }
  if (files >= CONTEXT_WARN_FILES) {
    warnings.push(`The build context holds ${files} files. Exclude folders such as node_modules or build output in .dockerignore.`);
  }
  return warnings;
}
