import { AsyncEntry } from '@napi-rs/keyring';
import type { KeychainBackend } from '@shared/contract/secrets';

/** The few operations the secrets service needs from a keychain; swapped for a fake in unit tests. */
export interface Keychain {
  readonly backend: KeychainBackend;
  get(account: string): Promise<string | undefined>;
  set(account: string, value: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

export function keychainBackendFor(platform: NodeJS.Platform): KeychainBackend {
  if (platform === 'darwin') return 'macos-keychain';
  if (platform === 'win32') return 'windows-credential-manager';
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') return 'secret-service';
  return 'unknown';
}

/**
 * The OS keychain through @napi-rs/keyring (keytar's maintained successor, prebuilt N-API binaries).
 * On Linux the entry is pinned to the Secret Service: the library would otherwise fall back to the
 * kernel keyring, which forgets everything at logout; a missing Secret Service must be reported instead.
 */
export class OsKeychain implements Keychain {
  readonly backend: KeychainBackend;

  constructor(
    private readonly service: string,
    platform: NodeJS.Platform = process.platform,
  ) {
    this.backend = keychainBackendFor(platform);
  }

  private entry(account: string): AsyncEntry {
    // The constructor itself connects on Linux and throws when there is no session bus.
    return new AsyncEntry(this.service, account, { linux: { store: 'secret-service' } });
  }

  async get(account: string): Promise<string | undefined> {
    const value = await this.entry(account).getPassword();
    return value ?? undefined;
  }

  async set(account: string, value: string): Promise<void> {
    await this.entry(account).setPassword(value);
  }

  async delete(account: string): Promise<boolean> {
    return this.entry(account).deletePassword();
  }
}
