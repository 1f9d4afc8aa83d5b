/**
 * What other services may ask of the secrets service. Values stay in main-process memory and
 * the OS keychain; nothing here ever writes a value to disk or returns it to the renderer.
 * Names are namespaced: `registry-key:<project or registry>`, `deploy-key:<key id>`, `engine-ssh-key:<host>`.
 *
 * `set` and `get` throw AppError KEYCHAIN_UNAVAILABLE when there is no keychain and the user has
 * not opted into keeping secrets in memory for this session; `get` answers undefined for a name
 * that was never stored.
 */
export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  /** `meta` is non-secret (a project id, a public key) and kept in the index next to the fingerprint. */
  set(name: string, value: string, meta?: SecretMeta): Promise<void>;
  delete(name: string): Promise<boolean>;
}

/** Non-secret facts recorded with a secret in the index. Never the value, nothing derived that reveals it. */
export interface SecretMeta {
  project?: string;
  /** Shown instead of the value hash, e.g. an SSH key's `SHA256:...` fingerprint. */
  fingerprint?: string;
  /** Free-form, non-secret attributes (a deploy key's public line, bits, origin). */
  attributes?: Record<string, string | number>;
}
