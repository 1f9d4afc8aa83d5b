import { createHash } from 'node:crypto';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { KeychainBackend, KeychainStatus, SecretInfo, SecretStorage } from '@shared/contract/secrets';
import { parseSecretName, shortFingerprint } from '@shared/secrets/secret-names';
import { OsKeychain, type Keychain } from './os-keychain';
import { SecretIndex, type SecretIndexEntry } from './secret-index';
import type { SecretMeta, SecretStore } from './secret-store';

export interface SecretsServiceOptions {
  dataDir: string;
  /** The OS keychain by default; a fake in unit tests. */
  keychain?: Keychain;
  /** The keychain's service name; every CertDesk secret is an account under it. */
  serviceName?: string;
  now?: () => Date;
}

/** Used only to ask the keychain whether it answers; never stored. */
const PROBE_ACCOUNT = 'certdesk-probe:availability';

/**
 * The one place secrets are kept: the OS keychain, or (after the user's explicit opt-in, when the
 * keychain is missing) this process's memory. There is no plaintext fallback: nothing here writes
 * a value to disk. The index in the data folder holds names, fingerprints and dates only.
 */
export class SecretsService implements SecretStore {
  private readonly keychain: Keychain;
  private readonly index: SecretIndex;
  private readonly now: () => Date;
  /** Session-only secrets (opt-in) and their index entries; gone when the process exits. */
  private readonly memory = new Map<string, { value: string; entry: SecretIndexEntry }>();
  private sessionMemory = false;

  constructor(options: SecretsServiceOptions) {
    this.keychain = options.keychain ?? new OsKeychain(options.serviceName ?? 'CertDesk');
    this.index = new SecretIndex(options.dataDir);
    this.now = options.now ?? (() => new Date());
  }

  /** Asks the keychain a harmless question; a failure means secrets can't be kept there right now. */
  async status(): Promise<KeychainStatus> {
    try {
      await this.keychain.get(PROBE_ACCOUNT);
      return { available: true, backend: this.keychain.backend, sessionMemory: this.sessionMemory };
    } catch (err) {
      const unavailable = keychainUnavailable(this.keychain.backend, err);
      return {
        available: false,
        backend: this.keychain.backend,
        sessionMemory: this.sessionMemory,
        message: unavailable.message,
        ...(unavailable.hint ? { hint: unavailable.hint } : {}),
      };
    }
  }

  /** The explicit opt-in (or opt-out, which forgets every session secret at once). */
  async useSessionMemory(enable: boolean): Promise<KeychainStatus> {
    this.sessionMemory = enable;
    if (!enable) this.memory.clear();
    return this.status();
  }

  /** Fails early (before seconds of key generation) when a new secret would have nowhere to go. */
  async assertWritable(): Promise<void> {
    if (this.sessionMemory) return;
    try {
      await this.keychain.get(PROBE_ACCOUNT);
    } catch (err) {
      throw keychainUnavailable(this.keychain.backend, err);
    }
  }

  get sessionMemoryEnabled(): boolean {
    return this.sessionMemory;
  }

  async get(name: string): Promise<string | undefined> {
    assertName(name);
    const held = this.memory.get(name);
    if (held) return held.value;
    try {
      return await this.keychain.get(name);
    } catch (err) {
      if (this.sessionMemory) return undefined;
      throw keychainUnavailable(this.keychain.backend, err);
    }
  }

  /** Like `get`, but a missing secret is SECRET_NOT_FOUND: for callers that need the value. */
  async require(name: string): Promise<string> {
    const value = await this.get(name);
    if (value === undefined) {
      throw new AppError(ErrorCode.SecretNotFound, `No secret named ${name} is stored.`, {
        hint: 'It may have been removed from the keychain outside CertDesk; store it again.',
      });
    }
    return value;
  }

  async set(name: string, value: string, meta: SecretMeta = {}): Promise<void> {
    assertName(name);
    const storage = await this.store(name, value);
    const now = this.now().toISOString();
    const previous = storage === 'keychain' ? await this.index.get(name) : this.memory.get(name)?.entry;
    const entry: SecretIndexEntry = {
      fingerprint: meta.fingerprint ?? valueFingerprint(value),
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      ...(meta.project ? { project: meta.project } : {}),
      ...(meta.attributes ? { attributes: meta.attributes } : {}),
    };
    if (storage === 'keychain') {
      this.memory.delete(name);
      await this.index.put(name, entry);
    } else {
      this.memory.set(name, { value, entry });
    }
  }

  async delete(name: string): Promise<boolean> {
    assertName(name);
    const inMemory = this.memory.delete(name);
    const indexed = (await this.index.get(name)) !== undefined;
    let inKeychain = false;
    try {
      inKeychain = await this.keychain.delete(name);
    } catch (err) {
      // A session-only secret can be forgotten without a keychain; a keychain one can't.
      if (!inMemory || indexed) throw keychainUnavailable(this.keychain.backend, err);
    }
    if (indexed) await this.index.remove(name);
    return inMemory || inKeychain || indexed;
  }

  /** Names, fingerprints and dates of every secret CertDesk stored; never a value. */
  async list(): Promise<SecretInfo[]> {
    const infos: SecretInfo[] = [];
    for (const [name, entry] of Object.entries(await this.index.all())) {
      if (this.memory.has(name)) continue;
      const info = toInfo(name, entry, 'keychain');
      if (info) infos.push(info);
    }
    for (const [name, { entry }] of this.memory) {
      const info = toInfo(name, entry, 'session');
      if (info) infos.push(info);
    }
    return infos.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Secrets with their non-secret attributes (a deploy key's public line), for services in main. */
  async details(): Promise<Array<{ info: SecretInfo; attributes: Record<string, string | number> }>> {
    const out: Array<{ info: SecretInfo; attributes: Record<string, string | number> }> = [];
    const indexed = await this.index.all();
    for (const info of await this.list()) {
      const entry = info.storage === 'session' ? this.memory.get(info.name)?.entry : indexed[info.name];
      out.push({ info, attributes: { ...(entry?.attributes ?? {}) } });
    }
    return out;
  }

  async info(name: string): Promise<SecretInfo | undefined> {
    const held = this.memory.get(name);
    if (held) return toInfo(name, held.entry, 'session');
    const entry = await this.index.get(name);
    return entry ? toInfo(name, entry, 'keychain') : undefined;
  }

  /** Every secret that belongs to a project: its registry key and its deploy keys. */
  async deleteProject(project: string): Promise<string[]> {
    const names = (await this.list())
      .filter((info) => info.project === project || (info.kind === 'registry-key' && info.id === project))
      .map((info) => info.name);
    const deleted: string[] = [];
    for (const name of names) {
      if (await this.delete(name)) deleted.push(name);
    }
    return deleted;
  }

  dispose(): void {
    this.memory.clear();
  }

  private async store(name: string, value: string): Promise<SecretStorage> {
    try {
      await this.keychain.set(name, value);
      return 'keychain';
    } catch (err) {
      if (this.sessionMemory) return 'session';
      throw keychainUnavailable(this.keychain.backend, err);
    }
  }
}

export function valueFingerprint(value: string): string {
  return shortFingerprint(createHash('sha256').update(value, 'utf8').digest('hex'));
}

function assertName(name: string): void {
  if (!parseSecretName(name)) {
    throw new AppError(ErrorCode.InvalidInput, `Not a secret name: ${JSON.stringify(name.slice(0, 60))}.`, {
      hint: 'Names look like registry-key:<project> or deploy-key:<key id>.',
    });
  }
}

function toInfo(name: string, entry: SecretIndexEntry, storage: SecretStorage): SecretInfo | undefined {
  const parsed = parseSecretName(name);
  if (!parsed) return undefined;
  return {
    name,
    kind: parsed.kind,
    id: parsed.id,
    fingerprint: entry.fingerprint,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    storage,
    ...(entry.project ? { project: entry.project } : {}),
  };
}

const FIX_HINTS: Record<KeychainBackend, string> = {
  'secret-service':
    'CertDesk keeps secrets in the Secret Service (GNOME Keyring or KWallet) and never in a file. ' +
    'Install and start one: `sudo dnf install gnome-keyring` or `sudo apt install gnome-keyring`, then run ' +
    '`gnome-keyring-daemon --start --components=secrets` inside your desktop session (DBUS_SESSION_BUS_ADDRESS must be set); ' +
    'if it runs but is locked, unlock the "Login" keyring in Passwords and Keys (seahorse). ' +
    'Or keep secrets in memory for this session only.',
  'macos-keychain':
    'Unlock the login keychain in Keychain Access (File → Unlock Keychain "login") and allow CertDesk when asked. ' +
    'Or keep secrets in memory for this session only.',
  'windows-credential-manager':
    'Make sure the Credential Manager service (VaultSvc) is running: `sc start VaultSvc` or Services → Credential Manager. ' +
    'Or keep secrets in memory for this session only.',
  unknown: 'This platform has no keychain CertDesk can use. Keep secrets in memory for this session only.',
};

/** Never includes a value: keyring errors describe the store, not the secret. */
export function keychainUnavailable(backend: KeychainBackend, err: unknown): AppError {
  const reason = err instanceof Error ? err.message : String(err);
  return new AppError(ErrorCode.KeychainUnavailable, `The OS keychain is not available: ${reason.slice(0, 300)}`, {
    hint: FIX_HINTS[backend],
    details: { backend },
    cause: err,
  });
}
