import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../contract/app-error';
import { base64Decode, base64Encode } from './bytes';
import { classifyKeyText, cleanKeyText } from './key-text';
import { parseOpenSshPrivateKey } from './openssh-private-key';
import { formatSha256Fingerprint, parsePublicKeyLine, publicKeyLine, rsaPublicBlob } from './ssh-public-key';
import { SshWriter } from './ssh-wire';

describe('base64', () => {
  it('round-trips any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      expect(base64Decode(base64Encode(bytes))).toEqual(bytes);
    }));
  });
  it('refuses foreign characters', () => {
    expect(base64Decode('AAA*')).toBeUndefined();
  });
});

describe('fingerprints and public lines', () => {
  it('formats SHA256 fingerprints like ssh-keygen -l (no padding)', () => {
    expect(formatSha256Fingerprint(new Uint8Array(32))).toBe('SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  });
  it('builds the ssh-rsa line from e and n, with mpint sign padding', () => {
    const n = new Uint8Array([0x80, 1, 2, 3]);
    const blob = rsaPublicBlob(new Uint8Array([1, 0, 1]), n);
    const line = publicKeyLine(blob, 'certdesk-acme');
    expect(line.startsWith('ssh-rsa AAAAB3NzaC1yc2E')).toBe(true);
    const parsed = parsePublicKeyLine(line);
    expect(parsed?.type).toBe('ssh-rsa');
    expect(parsed?.comment).toBe('certdesk-acme');
    // n's top bit is set, so the mpint carries a leading zero: 4 + 1 bytes.
    expect(blob.length).toBe(4 + 7 + 4 + 3 + 4 + 5);
  });
});

describe('key text', () => {
  it('classifies armors and strips hidden characters from pastes', () => {
    expect(classifyKeyText('-----BEGIN RSA PRIVATE KEY-----\nx')).toBe('pem-rsa');
    expect(classifyKeyText('-----BEGIN OPENSSH PRIVATE KEY-----\nx')).toBe('openssh');
    expect(classifyKeyText('ssh-ed25519 AAAAC3Nz comment')).toBe('ssh-public');
    expect(cleanKeyText('\uFEFF  line one\u200b \r\n\r\n line two  ')).toBe('line one\nline two\n');
  });
});

function armor(bytes: Uint8Array): string {
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${base64Encode(bytes).replace(/(.{70})/g, '$1\n')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

describe('parseOpenSshPrivateKey', () => {
  const magic = new TextEncoder().encode('openssh-key-v1\0');
  function container(cipher: string, keyType: string, privateSection: Uint8Array): Uint8Array {
    const pub = new SshWriter().string(keyType).string(new Uint8Array(32)).bytes();
    const rest = new SshWriter().string(cipher).string(cipher === 'none' ? 'none' : 'bcrypt').string(new Uint8Array(0)).uint32(1).string(pub).string(privateSection).bytes();
    const out = new Uint8Array(magic.length + rest.length);
    out.set(magic);
    out.set(rest, magic.length);
    return out;
  }

  it('reads the key type of an encrypted key without the passphrase', () => {
    const parsed = parseOpenSshPrivateKey(armor(container('aes256-ctr', 'ssh-rsa', new Uint8Array(16))));
    expect(parsed).toMatchObject({ encrypted: true, cipher: 'aes256-ctr', keyType: 'ssh-rsa' });
  });

  it('reads an unencrypted Ed25519 container as ed25519 (refused later with the reason)', () => {
    const section = new SshWriter().uint32(7).uint32(7).string('ssh-ed25519').bytes();
    expect(parseOpenSshPrivateKey(armor(container('none', 'ssh-ed25519', section)))).toMatchObject({ encrypted: false, keyType: 'ssh-ed25519' });
  });

  it('never crashes on pasted garbage: KEY_INVALID or a parse', () => {
    const garbage = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.uint8Array({ maxLength: 400 }).map(armor),
      fc.uint8Array({ maxLength: 400 }).map((b) => {
        const out = new Uint8Array(magic.length + b.length);
        out.set(magic);
        out.set(b, magic.length);
        return armor(out);
      }),
    );
    fc.assert(fc.property(garbage, (text) => {
      try {
        parseOpenSshPrivateKey(text);
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).code).toBe('KEY_INVALID');
      }
    }), { numRuns: 500 });
  });
});
