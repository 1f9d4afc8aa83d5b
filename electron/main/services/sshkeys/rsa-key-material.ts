import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import ssh2 from 'ssh2';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import { base64Decode, base64Encode, base64UrlDecode } from '@shared/sshkeys/bytes';
import { armorBody, classifyKeyText, cleanKeyText, isLegacyEncryptedPem } from '@shared/sshkeys/key-text';
import { parseOpenSshPrivateKey, unsupportedKeyReason } from '@shared/sshkeys/openssh-private-key';
import { rsaJwkFromComponents } from '@shared/sshkeys/rsa-jwk';
import { formatSha256Fingerprint, publicKeyLine, rsaPublicBlob } from '@shared/sshkeys/ssh-public-key';

/** OpenSSH (since 8.8) and GitHub/GitLab refuse shorter RSA keys. */
export const MIN_RSA_BITS = 2048;

/**
 * bcrypt_pbkdf rounds CertDesk will compute to open an OpenSSH key (ssh-keygen's default is 16,
 * `-a 100` is a common hardening). Decryption is synchronous, ~15 ms a round here: a damaged or
 * hostile count (2^32) would freeze the process for days.
 */
export const MAX_OPENSSH_KDF_ROUNDS = 1024;

export interface RsaKeyMaterial {
  /** PKCS#1 PEM (`-----BEGIN RSA PRIVATE KEY-----`), unencrypted: what the portal's build-service form takes. */
  pem: string;
  bits: number;
  origin: 'generated' | 'imported-pem' | 'imported-openssh';
}

export interface PublicFacts {
  publicKey: string;
  fingerprint: string;
  bits: number;
}

/** Normalises any RSA private key object to the PKCS#1 PEM the build service expects. */
export function toPkcs1Pem(key: KeyObject): string {
  return key.export({ type: 'pkcs1', format: 'pem' }).toString();
}

/** The `ssh-rsa AAAA... comment` line and its `SHA256:` fingerprint, from the private PEM. */
export function publicFacts(pem: string, comment: string): PublicFacts {
  const jwk = createPublicKey(pem).export({ format: 'jwk' });
  const n = jwk.n ? base64UrlDecode(jwk.n) : undefined;
  const e = jwk.e ? base64UrlDecode(jwk.e) : undefined;
  if (jwk.kty !== 'RSA' || !n || !e) throw new AppError(ErrorCode.KeyUnsupported, 'Not an RSA key.');
  const blob = rsaPublicBlob(e, n);
  const digest = new Uint8Array(createHash('sha256').update(blob).digest());
  return { publicKey: publicKeyLine(blob, comment), fingerprint: formatSha256Fingerprint(digest), bits: bitLength(n) };
}

/**
 * Reads a pasted or loaded private key and returns it as PKCS#1 PEM: RSA PEM as is, PKCS#8 and
 * OpenSSH-format RSA converted, encrypted ones after the passphrase (PASSPHRASE_REQUIRED first).
 * Ed25519, ECDSA and DSA are refused with the reason. Errors never quote the key.
 */
export function readRsaPrivateKey(input: string, passphrase?: string): RsaKeyMaterial {
  const text = cleanKeyText(input);
  const kind = classifyKeyText(text);
  switch (kind) {
    case 'pem-rsa':
    case 'pem-pkcs8':
    case 'pem-pkcs8-encrypted': {
      const encrypted = kind === 'pem-pkcs8-encrypted' || isLegacyEncryptedPem(text);
      if (encrypted && !passphrase) throw passphraseRequired(false);
      const key = loadPem(text, encrypted ? passphrase : undefined);
      return rsaOnly(key, kind === 'pem-rsa' ? 'imported-pem' : 'imported-pem');
    }
    case 'openssh':
      return readOpenSsh(text, passphrase);
    case 'pem-ec':
      throw unsupported('ecdsa');
    case 'pem-dsa':
      throw unsupported('dsa');
    case 'ssh-public':
      throw new AppError(ErrorCode.KeyInvalid, 'This is a public key; the build service needs the private key.', {
        hint: 'Use the file without .pub (e.g. id_rsa, not id_rsa.pub), or let CertDesk generate a key for the project.',
      });
    case 'putty':
      throw new AppError(ErrorCode.KeyUnsupported, 'This is a PuTTY key (.ppk).', {
        hint: 'Convert it in PuTTYgen: Conversions → Export OpenSSH key, then import that file.',
      });
    default:
      throw new AppError(ErrorCode.KeyInvalid, 'This does not look like a private key.', {
        hint: 'Paste the whole key file including the -----BEGIN ... PRIVATE KEY----- and -----END ... PRIVATE KEY----- lines.',
      });
  }
}

function readOpenSsh(text: string, passphrase: string | undefined): RsaKeyMaterial {
  const parsed = parseOpenSshPrivateKey(text);
  if (parsed.keyType !== 'ssh-rsa') throw unsupported(parsed.keyType);
  if (!parsed.encrypted) {
    if (!parsed.rsa) throw new AppError(ErrorCode.KeyInvalid, 'The RSA key is incomplete.');
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: { ...rsaJwkFromComponents(parsed.rsa) }, format: 'jwk' });
    } catch (err) {
      throw new AppError(ErrorCode.KeyInvalid, 'The RSA key numbers are not consistent (the key is damaged).', { cause: err });
    }
    return rsaOnly(key, 'imported-openssh');
  }
  if (!passphrase) throw passphraseRequired(false);
  if (parsed.kdf !== 'bcrypt' || parsed.kdfRounds === undefined || parsed.kdfRounds < 1) {
    throw new AppError(ErrorCode.KeyInvalid, 'The key\'s encryption settings are damaged or of an unknown kind.', {
      hint: 'Paste the whole private key file, or choose the file instead.',
    });
  }
  if (parsed.kdfRounds > MAX_OPENSSH_KDF_ROUNDS) {
    throw new AppError(ErrorCode.KeyUnsupported, `The key asks for ${parsed.kdfRounds} passphrase-hardening rounds; CertDesk computes at most ${MAX_OPENSSH_KDF_ROUNDS}.`, {
      hint: 'If the key file is intact, re-save it with fewer rounds: ssh-keygen -p -a 100 -f FILE.',
    });
  }
  // Decrypting openssh-key-v1 needs bcrypt_pbkdf, which node:crypto lacks; ssh2 carries it. ssh2 gets
  // the very bytes checked above, re-armored: it decodes the paste its own way (stray lines included).
  const result = ssh2.utils.parseKey(canonicalOpenSsh(text), passphrase);
  if (result instanceof Error) {
    if (/passphrase|integrity/i.test(result.message)) throw passphraseRequired(true);
    throw new AppError(ErrorCode.KeyInvalid, `The key could not be decrypted: ${result.message}`);
  }
  const parsedKey = Array.isArray(result) ? result[0] : result;
  const privatePem = parsedKey?.getPrivatePEM();
  if (!privatePem) throw new AppError(ErrorCode.KeyInvalid, 'The key could not be decrypted.');
  return rsaOnly(loadPem(privatePem, undefined), 'imported-openssh');
}

function canonicalOpenSsh(text: string): string {
  const bytes = base64Decode(armorBody(text, 'OPENSSH PRIVATE KEY') ?? '') ?? new Uint8Array(0);
  const lines = base64Encode(bytes).match(/.{1,70}/g) ?? [];
  return ['-----BEGIN OPENSSH PRIVATE KEY-----', ...lines, '-----END OPENSSH PRIVATE KEY-----', ''].join('\n');
}

function loadPem(text: string, passphrase: string | undefined): KeyObject {
  try {
    return createPrivateKey(passphrase === undefined ? { key: text, format: 'pem' } : { key: text, format: 'pem', passphrase });
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    const message = err instanceof Error ? err.message : '';
    if (passphrase !== undefined && /bad decrypt|BAD_DECRYPT|DECRYPT/i.test(`${code} ${message}`)) throw passphraseRequired(true);
    if (passphrase === undefined && /passphrase|ERR_MISSING_PASSPHRASE/i.test(`${code} ${message}`)) throw passphraseRequired(false);
    throw new AppError(ErrorCode.KeyInvalid, 'The PEM key could not be read (it is damaged or incomplete).', {
      hint: 'Paste the whole key file including the BEGIN and END lines, or choose the file instead.',
    });
  }
}

function rsaOnly(key: KeyObject, origin: RsaKeyMaterial['origin']): RsaKeyMaterial {
  if (key.asymmetricKeyType !== 'rsa') throw unsupported(key.asymmetricKeyType ?? 'unknown');
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < MIN_RSA_BITS) {
    throw new AppError(ErrorCode.KeyUnsupported, `This RSA key has ${bits} bits; at least ${MIN_RSA_BITS} are needed.`, {
      hint: 'Generate a new 4096-bit deploy key for the project in CertDesk.',
    });
  }
  return { pem: toPkcs1Pem(key), bits, origin };
}

function unsupported(keyType: string): AppError {
  return new AppError(ErrorCode.KeyUnsupported, unsupportedKeyReason(keyType), {
    hint: 'Generate an RSA deploy key in CertDesk (4096 bits), or import an RSA key made with `ssh-keygen -t rsa -b 4096`.',
  });
}

function passphraseRequired(wrong: boolean): AppError {
  return new AppError(
    ErrorCode.PassphraseRequired,
    wrong ? 'That passphrase does not open this key.' : 'This key is protected by a passphrase.',
    {
      hint: 'Enter the passphrase; CertDesk stores the key without it, because the build service needs an unencrypted PEM.',
      details: { wrongPassphrase: wrong },
    },
  );
}

function bitLength(magnitude: Uint8Array): number {
  let i = 0;
  while (i < magnitude.length && magnitude[i] === 0) i++;
  if (i === magnitude.length) return 0;
  return (magnitude.length - i - 1) * 8 + (32 - Math.clz32(magnitude[i] as number));
}
