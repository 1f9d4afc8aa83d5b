import { AppError } from '../contract/app-error';
import { ErrorCode } from '../contract/error-codes';
import { base64Decode, bytesEqual } from './bytes';
import { armorBody } from './key-text';
import type { RsaComponents } from './rsa-jwk';
import { SshReader, SshWireError } from './ssh-wire';

const MAGIC = new TextEncoder().encode('openssh-key-v1\0');

export type OpenSshPrivateKey =
  | {
      encrypted: true;
      cipher: string;
      kdf: string;
      /** bcrypt_pbkdf rounds from the kdf options (undefined for another kdf or unreadable options). */
      kdfRounds?: number;
      /** Readable without the passphrase: the public half is stored in the clear. */
      keyType: string;
      publicBlob: Uint8Array;
    }
  | {
      encrypted: false;
      keyType: string;
      publicBlob: Uint8Array;
      comment: string;
      /** Present for ssh-rsa keys only. */
      rsa?: RsaComponents;
    };

/**
 * Parses the openssh-key-v1 container (PROTOCOL.key in OpenSSH's source): magic, cipher, kdf,
 * one public key, then the private section, in the clear when the cipher is "none".
 * Decryption is left to the caller (it needs bcrypt_pbkdf and AES); the key type is known either way.
 * Anything malformed is KEY_INVALID, never a crash.
 */
export function parseOpenSshPrivateKey(text: string): OpenSshPrivateKey {
  const body = armorBody(text, 'OPENSSH PRIVATE KEY');
  if (body === undefined) throw invalid('The -----BEGIN/END OPENSSH PRIVATE KEY----- lines are missing.');
  const bytes = base64Decode(body);
  if (!bytes) throw invalid('The key body is not valid base64 (a character was changed or added when it was copied).');
  if (bytes.length < MAGIC.length || !bytesEqual(bytes.subarray(0, MAGIC.length), MAGIC)) {
    throw invalid('This is not an openssh-key-v1 key.');
  }
  try {
    const reader = new SshReader(bytes.subarray(MAGIC.length));
    const cipher = reader.text();
    const kdf = reader.text();
    const kdfOptions = reader.string(); // salt and rounds: the decrypting side needs them
    const count = reader.uint32();
    if (count !== 1) throw invalid(`The file holds ${count} keys; CertDesk expects exactly one.`);
    const publicBlob = reader.string();
    const keyType = new SshReader(publicBlob).text();
    const privateSection = reader.string();
    if (cipher !== 'none') {
      const kdfRounds = kdf === 'bcrypt' ? bcryptRounds(kdfOptions) : undefined;
      return { encrypted: true, cipher, kdf, keyType, publicBlob, ...(kdfRounds !== undefined ? { kdfRounds } : {}) };
    }
    return { encrypted: false, keyType, publicBlob, ...parsePrivateSection(privateSection, keyType) };
  } catch (err) {
    if (err instanceof AppError) throw err;
    if (err instanceof SshWireError) throw invalid('The key is truncated or damaged.');
    throw err;
  }
}

/** bcrypt kdf options: string salt, uint32 rounds. */
function bcryptRounds(options: Uint8Array): number | undefined {
  try {
    const reader = new SshReader(options);
    reader.string();
    return reader.uint32();
  } catch {
    return undefined;
  }
}

function parsePrivateSection(section: Uint8Array, publicType: string): { comment: string; rsa?: RsaComponents } {
  const reader = new SshReader(section);
  const check1 = reader.uint32();
  const check2 = reader.uint32();
  if (check1 !== check2) throw invalid('The key failed its integrity check (it is damaged).');
  const type = reader.text();
  if (type !== publicType) throw invalid('The private and public halves of the key disagree.');
  if (type !== 'ssh-rsa') {
    // Other types are refused by the caller with the reason; their layout need not be read.
    return { comment: '' };
  }
  const n = reader.mpint();
  const e = reader.mpint();
  const d = reader.mpint();
  const iqmp = reader.mpint();
  const p = reader.mpint();
  const q = reader.mpint();
  const comment = reader.text();
  return { comment, rsa: { n, e, d, p, q, iqmp } };
}

function invalid(message: string): AppError {
  return new AppError(ErrorCode.KeyInvalid, message, {
    hint: 'Paste the whole private key file, including the BEGIN and END lines, or choose the file instead.',
  });
}

/** Why a key type can't be used for the build service, in words a person can act on. */
export function unsupportedKeyReason(keyType: string): string {
  const name = keyType.startsWith('ssh-ed25519')
    ? 'an Ed25519 key'
    : keyType.startsWith('ecdsa') || keyType === 'ec'
      ? 'an ECDSA key'
      : keyType === 'ssh-dss' || keyType === 'dsa'
        ? 'a DSA key'
        : `a ${keyType} key`;
  return `This is ${name}. Red Hat's build service accepts only RSA private keys in PEM form (-----BEGIN RSA PRIVATE KEY-----).`;
}
