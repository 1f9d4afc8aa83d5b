import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/contract/app-error';
import { publicFacts, readRsaPrivateKey } from './rsa-key-material';

const KNOWN_CODES = new Set(['KEY_INVALID', 'KEY_UNSUPPORTED', 'PASSPHRASE_REQUIRED']);

describe('readRsaPrivateKey', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pkcs8 = rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  it('turns PKCS#8 into PKCS#1 PEM, tolerating pasted CRLF and indentation', () => {
    const pasted = pkcs8.replace(/\n/g, '\r\n  ');
    const material = readRsaPrivateKey(pasted);
    expect(material.pem.startsWith('-----BEGIN RSA PRIVATE KEY-----\n')).toBe(true);
    expect(material.pem.trimEnd().endsWith('-----END RSA PRIVATE KEY-----')).toBe(true);
    expect(material.bits).toBe(2048);
    expect(publicFacts(material.pem, 'certdesk-x').fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('asks for the passphrase of an encrypted PEM, then opens it', () => {
    const encrypted = rsa.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString();
    expect(() => readRsaPrivateKey(encrypted)).toThrow(expect.objectContaining({ code: 'PASSPHRASE_REQUIRED' }));
    expect(() => readRsaPrivateKey(encrypted, 'wrong')).toThrow(expect.objectContaining({ code: 'PASSPHRASE_REQUIRED' }));
    expect(readRsaPrivateKey(encrypted, 'pw').bits).toBe(2048);
  });

  it('refuses EC keys with the reason', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }).toString();
    expect(() => readRsaPrivateKey(ec)).toThrow(expect.objectContaining({ code: 'KEY_UNSUPPORTED' }));
  });

  it('never crashes on pasted garbage', () => {
    const armored = (label: string) => fc.string({ maxLength: 300 }).map((s) => `-----BEGIN ${label}-----\n${s}\n-----END ${label}-----\n`);
    const garbage = fc.oneof(fc.string({ maxLength: 300 }), armored('RSA PRIVATE KEY'), armored('OPENSSH PRIVATE KEY'), armored('PRIVATE KEY'), fc.base64String({ maxLength: 400 }).map((b) => `-----BEGIN OPENSSH PRIVATE KEY-----\n${b}\n-----END OPENSSH PRIVATE KEY-----`));
    fc.assert(
      fc.property(garbage, (text) => {
        try {
          readRsaPrivateKey(text);
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          expect(KNOWN_CODES.has((err as AppError).code)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
