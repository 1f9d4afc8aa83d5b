import { describe, expect, it } from 'vitest';
import { deployKeyName, isSecretName, parseSecretName, registryKeyName, shortFingerprint } from './secret-names';

describe('secret names', () => {
  it('parses namespaced names', () => {
    expect(parseSecretName(registryKeyName('acme-vnf'))).toEqual({ kind: 'registry-key', id: 'acme-vnf' });
    expect(parseSecretName(deployKeyName('acme-1a2b3c'))).toEqual({ kind: 'deploy-key', id: 'acme-1a2b3c' });
    expect(parseSecretName('engine-ssh-key:builder@rhel9')).toEqual({ kind: 'engine-ssh-key', id: 'builder@rhel9' });
  });
  it('refuses unknown kinds and odd ids', () => {
    for (const bad of ['password:x', 'registry-key:', 'deploy-key: space', 'deploy-key:-lead', 'x', '']) {
      expect(isSecretName(bad)).toBe(false);
    }
  });
  it('shortens a fingerprint to 16 lower-case hex digits', () => {
    expect(shortFingerprint('ABCDEF0123456789ffff')).toBe('abcdef0123456789');
  });
});
