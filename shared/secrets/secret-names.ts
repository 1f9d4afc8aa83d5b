/**
 * Secret names are namespaced so one keychain service holds every kind of secret CertDesk keeps,
 * and so a project's secrets can be found (and removed) together.
 */
export const SecretKinds = ['registry-key', 'deploy-key', 'engine-ssh-key'] as const;
export type SecretKind = (typeof SecretKinds)[number];

/** Project ids and key ids: what a person types or CertDesk generates; no spaces, no colons. */
export const PROJECT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const KEY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;
const NAME_PATTERN = /^(registry-key|deploy-key|engine-ssh-key):([A-Za-z0-9][A-Za-z0-9._@:/-]{0,199})$/;

export interface ParsedSecretName {
  kind: SecretKind;
  id: string;
}

export function parseSecretName(name: string): ParsedSecretName | undefined {
  const match = NAME_PATTERN.exec(name);
  if (!match) return undefined;
  return { kind: match[1] as SecretKind, id: match[2] as string };
}

export function isSecretName(name: string): boolean {
  return parseSecretName(name) !== undefined;
}

export function registryKeyName(project: string): string {
  return `registry-key:${project}`;
}

export function deployKeyName(keyId: string): string {
  return `deploy-key:${keyId}`;
}

/** A value's fingerprint for display: the first 16 hex digits of its SHA-256 (hex given by the caller's hash). */
export function shortFingerprint(sha256Hex: string): string {
  return sha256Hex.slice(0, 16).toLowerCase();
}
