import { base64UrlEncode, bigIntToBytes, bytesToBigInt } from './bytes';

export interface RsaComponents {
  n: Uint8Array;
  e: Uint8Array;
  d: Uint8Array;
  p: Uint8Array;
  q: Uint8Array;
  /** q^-1 mod p, as OpenSSH stores it (its "iqmp"). */
  iqmp: Uint8Array;
}

export interface RsaPrivateJwk {
  kty: 'RSA';
  n: string;
  e: string;
  d: string;
  p: string;
  q: string;
  dp: string;
  dq: string;
  qi: string;
}

/**
 * OpenSSH stores n, e, d, iqmp, p, q but not the CRT exponents that PKCS#1 and JWK carry;
 * they follow from d: dp = d mod (p-1), dq = d mod (q-1).
 */
export function rsaJwkFromComponents(c: RsaComponents): RsaPrivateJwk {
  const d = bytesToBigInt(c.d);
  const p = bytesToBigInt(c.p);
  const q = bytesToBigInt(c.q);
  if (p < 2n || q < 2n) throw new RangeError('RSA primes are missing');
  return {
    kty: 'RSA',
    n: base64UrlEncode(c.n),
    e: base64UrlEncode(c.e),
    d: base64UrlEncode(c.d),
    p: base64UrlEncode(c.p),
    q: base64UrlEncode(c.q),
    dp: base64UrlEncode(bigIntToBytes(d % (p - 1n))),
    dq: base64UrlEncode(bigIntToBytes(d % (q - 1n))),
    qi: base64UrlEncode(c.iqmp),
  };
}
