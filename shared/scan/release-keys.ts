/**
 * Red Hat's published package signing keys (long key ids, lower case), as listed on
 * https://access.redhat.com/security/team/key. A release package signed by one of them is what
 * makes an os-release saying "rhel" believable offline. Checked against public material: release key 2
 * (fingerprint 567E347A…199E2F91FD431D51) and auxiliary key 3 (7E462425…5054E4A45A6340B3) in full; the
 * others by the short ids Red Hat systems show as gpg-pubkey names (2fa658e0, 37017186, 897da07a,
 * f21541eb). RHEL 10's "release key 4" is not listed yet: its id could not be confirmed offline.
 */
export const RED_HAT_SIGNING_KEYS: ReadonlyArray<{ keyId: string; name: string }> = [
  { keyId: '199e2f91fd431d51', name: 'Red Hat, Inc. (release key 2), RHEL 6 and later' },
  { keyId: '5326810137017186', name: 'Red Hat, Inc. (release key), RHEL 5' },
  { keyId: '938a80caf21541eb', name: 'Red Hat, Inc. (beta key 2)' },
  { keyId: 'fd372689897da07a', name: 'Red Hat, Inc. (beta key)' },
  { keyId: '45689c882fa658e0', name: 'Red Hat, Inc. (auxiliary key)' },
  { keyId: '5054e4a45a6340b3', name: 'Red Hat, Inc. (auxiliary key 3), RHEL 10' },
];

export const RED_HAT_VENDOR = 'Red Hat, Inc.';

/** Packages that carry /etc/os-release on Red Hat images, newest names first. */
export const RELEASE_PACKAGE_NAMES = ['redhat-release', 'redhat-release-server', 'redhat-release-everything', 'redhat-release-eula'] as const;

/** Extra trusted key ids, e.g. a test key: comma or space separated 16-hex ids. Bad entries are dropped. */
export function parseKeyIds(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/[\s,]+/)
    .map((k) => k.trim().toLowerCase().replace(/^0x/, ''))
    .filter((k) => /^[0-9a-f]{16}$/.test(k));
}

export function releaseKeyName(keyId: string | undefined, extraKeys: readonly string[] = []): string | undefined {
  if (!keyId) return undefined;
  const id = keyId.toLowerCase();
  const known = RED_HAT_SIGNING_KEYS.find((k) => k.keyId === id);
  if (known) return known.name;
  return extraKeys.includes(id) ? 'an extra trusted key (CERTDESK_EXTRA_RELEASE_KEYS)' : undefined;
}
