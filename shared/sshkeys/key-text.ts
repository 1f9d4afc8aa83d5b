/** What a pasted or read key text is, decided from its armor alone. */
export type KeyTextKind =
  | 'pem-rsa' // -----BEGIN RSA PRIVATE KEY----- (PKCS#1), maybe with Proc-Type: 4,ENCRYPTED
  | 'pem-pkcs8' // -----BEGIN PRIVATE KEY-----
  | 'pem-pkcs8-encrypted' // -----BEGIN ENCRYPTED PRIVATE KEY-----
  | 'pem-ec' // -----BEGIN EC PRIVATE KEY-----
  | 'pem-dsa' // -----BEGIN DSA PRIVATE KEY-----
  | 'openssh' // -----BEGIN OPENSSH PRIVATE KEY-----
  | 'ssh-public' // ssh-rsa AAAA... (someone pasted the public half)
  | 'putty' // PuTTY-User-Key-File-2/3
  | 'unknown';

const ARMOR: Array<[RegExp, KeyTextKind]> = [
  [/-----BEGIN RSA PRIVATE KEY-----/, 'pem-rsa'],
  [/-----BEGIN ENCRYPTED PRIVATE KEY-----/, 'pem-pkcs8-encrypted'],
  [/-----BEGIN PRIVATE KEY-----/, 'pem-pkcs8'],
  [/-----BEGIN EC PRIVATE KEY-----/, 'pem-ec'],
  [/-----BEGIN DSA PRIVATE KEY-----/, 'pem-dsa'],
  [/-----BEGIN OPENSSH PRIVATE KEY-----/, 'openssh'],
];

/**
 * Pasted keys pick up a byte-order mark, Windows line endings, non-breaking or zero-width spaces
 * and indentation from chat and mail (REFERENCE: "pasted keys often carry hidden characters").
 * Armor and base64 never contain any of those, so they are dropped.
 */
export function cleanKeyText(text: string): string {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/\u00A0/g, ' ')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  return lines.length > 0 ? `${withHeaderSeparators(lines).join('\n')}\n` : '';
}

/**
 * RFC 1421 headers after a BEGIN line (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: ...`) end with a blank
 * line, which OpenSSL needs to read a legacy encrypted PEM; dropping empty lines above removed it.
 */
function withHeaderSeparators(lines: readonly string[]): string[] {
  const out: string[] = [];
  let inHeaders = false;
  for (const line of lines) {
    const isHeader = /^[A-Za-z][A-Za-z0-9-]*:/.test(line);
    if (inHeaders && !isHeader) out.push('');
    inHeaders = line.startsWith('-----BEGIN ') ? false : isHeader && (inHeaders || out[out.length - 1]?.startsWith('-----BEGIN ') === true);
    out.push(line);
  }
  return out;
}

export function classifyKeyText(text: string): KeyTextKind {
  for (const [pattern, kind] of ARMOR) if (pattern.test(text)) return kind;
  if (/^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp\d+|sk-)\S* AAAA/m.test(text.trim())) return 'ssh-public';
  if (/^PuTTY-User-Key-File-\d+:/m.test(text)) return 'putty';
  return 'unknown';
}

/** Old-style encrypted PEM (OpenSSL's Proc-Type header). */
export function isLegacyEncryptedPem(text: string): boolean {
  return /^Proc-Type:\s*4,\s*ENCRYPTED/m.test(text);
}

/** The base64 body between `-----BEGIN <label>-----` and `-----END <label>-----`, headers skipped. */
export function armorBody(text: string, label: string): string | undefined {
  const begin = `-----BEGIN ${label}-----`;
  const end = `-----END ${label}-----`;
  const start = text.indexOf(begin);
  const stop = text.indexOf(end, start + begin.length);
  if (start < 0 || stop < 0) return undefined;
  return text
    .slice(start + begin.length, stop)
    .split('\n')
    .filter((line) => !line.includes(':'))
    .join('');
}
