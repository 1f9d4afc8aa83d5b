/**
 * What other services may ask of the secrets service. Values stay in main-process memory and
 * the OS keychain; nothing here ever writes a value to disk or returns it to the renderer.
 * Names are namespaced: `registry-key:<project or registry>`, `deploy-key:<key id>`, `engine-ssh-key:<host>`.
 */
export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<boolean>;
}
