import { createHash } from 'node:crypto';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { KeychainBackend, KeychainStatus, KeychainUnavailableReason, SecretInfo, SecretStorage } from '@shared/contract/secrets';
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
  /**
   * How long one keychain call may take. A locked collection can open an unlock prompt that waits
   * for the person (or never shows, with no prompter in the session); CertDesk answers anyway.
   */
  keychainTimeoutMs?: number;
}

/** Written and removed to ask whether the keychain takes new secrets; its value is not a secret. */
const PROBE_ACCOUNT = 'certdesk-probe:availability';
const PROBE_VALUE = 'CertDesk availability probe (not a secret)';
/** Long enough to type a keyring password into a real unlock prompt. */
const DEFAULT_KEYCHAIN_TIMEOUT_MS = 30_000;

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
  private readonly timeoutMs: number;

  constructor(options: SecretsServiceOptions) {
    const raw = options.keychain ?? new OsKeychain(options.serviceName ?? 'CertDesk');
    this.timeoutMs = options.keychainTimeoutMs ?? DEFAULT_KEYCHAIN_TIMEOUT_MS;
    this.keychain = withTimeout(raw, this.timeoutMs);
    this.index = new SecretIndex(options.dataDir);
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Stores and removes a probe entry: a read alone is not enough, because a locked Secret Service
   * collection answers "not found" to a read of a missing entry and refuses only reads of existing
   * entries and every write.
   */
  async status(): Promise<KeychainStatus> {
    try {
      await this.probe();
      return { available: true, backend: this.keychain.backend, sessionMemory: this.sessionMemory };
    } catch (err) {
      const unavailable = keychainUnavailable(this.keychain.backend, err);
      const details = unavailable.details as { reason?: KeychainUnavailableReason } | undefined;
      return {
        available: false,
        backend: this.keychain.backend,
        sessionMemory: this.sessionMemory,
        message: unavailable.message,
        ...(unavailable.hint ? { hint: unavailable.hint } : {}),
        ...(details?.reason ? { reason: details.reason } : {}),
      };
    }
  }

  private async probe(): Promise<void> {
    await this.keychain.set(PROBE_ACCOUNT, PROBE_VALUE);
    await this.keychain.delete(PROBE_ACCOUNT);
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
      await this.probe();
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

const LOCKED_HINTS: Record<KeychainBackend, string> = {
  'secret-service':
    'Unlock the "Login" keyring: open Passwords and Keys (seahorse), right-click "Login" and choose Unlock, ' +
    'or log out and back in (it unlocks with your login password). Then check again. ' +
    'Or keep secrets in memory for this session only; nothing is written to disk.',
  'macos-keychain':
    'Unlock the login keychain in Keychain Access (File → Unlock Keychain "login"), then check again. ' +
    'Or keep secrets in memory for this session only; nothing is written to disk.',
  'windows-credential-manager': FIX_HINTS['windows-credential-manager'],
  unknown: FIX_HINTS.unknown,
};

/** Errors of a keychain that exists but won't open without the person: locked, prompt dismissed or cancelled. */
const LOCKED_PATTERN = /\block(ed)?\b|unlock|prompt|user (canceled|cancelled)|interaction is not allowed/i;

/** A keychain call that did not answer in time; the call itself may still finish later. */
export class KeychainTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${Math.round(ms / 1000)} s`);
    this.name = 'KeychainTimeoutError';
  }
}

/** Never includes a value: keyring errors describe the store, not the secret. */
export function keychainUnavailable(backend: KeychainBackend, err: unknown): AppError {
  if (err instanceof AppError && err.code === ErrorCode.KeychainUnavailable) return err;
  const reason = err instanceof Error ? err.message : String(err);
  if (err instanceof KeychainTimeoutError) {
    return new AppError(
      ErrorCode.KeychainUnavailable,
      `The OS keychain did not answer within ${Math.round(err.ms / 1000)} s: it may be locked and waiting for an unlock prompt.`,
      { hint: LOCKED_HINTS[backend], details: { backend, reason: 'timeout' satisfies KeychainUnavailableReason }, cause: err },
    );
  }
  if (LOCKED_PATTERN.test(reason)) {
    return new AppError(
      ErrorCode.KeychainUnavailable,
      `The OS keychain is locked: CertDesk can't read or store secrets in it until it is unlocked (${reason.slice(0, 200)}).`,
      { hint: LOCKED_HINTS[backend], details: { backend, reason: 'locked' satisfies KeychainUnavailableReason }, cause: err },
    );
  }
  return new AppError(ErrorCode.KeychainUnavailable, `The OS keychain is not available: ${reason.slice(0, 300)}`, {
    hint: FIX_HINTS[backend],
    details: { backend, reason: 'missing' satisfies KeychainUnavailableReason },
    cause: err,
  });
}

/** Every keychain call answers within `ms`, or fails with KeychainTimeoutError. */
function withTimeout(keychain: Keychain, ms: number): Keychain {
  const bounded = <T>(work: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new KeychainTimeoutError(ms)), ms);
      timer.unref?.();
      // The constructor of an entry can throw synchronously (no session bus); that is a rejection too.
      Promise.resolve()
        .then(work)
        .then(resolve, reject)
        .finally(() => clearTimeout(timer));
    });
  return {
    backend: keychain.backend,
    get: (account) => bounded(() => keychain.get(account)),
    set: (account, value) => bounded(() => keychain.set(account, value)),
    delete: (account) => bounded(() => keychain.delete(account)),
  };
}
