import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import { migrateProfile, NewerSchemaError } from '@shared/projects/migrations';
import { ProfileSchema, type Notice, type Profile } from '@shared/projects/model';
import { withFileLock } from './file-lock';

/**
 * The part of electron-store / conf CertDesk uses: the whole document, read from and written to
 * the file on every access (conf re-reads on each `store` get and writes atomically on set).
 */
export interface JsonFileBackend {
  readonly path: string;
  store: Record<string, unknown>;
}

/** Builds the backend for a file `<cwd>/<name>.json`. Electron passes one making an electron-store. */
export type SettingsStoreFactory = (options: { cwd: string; name: string }) => JsonFileBackend;

/**
 * conf: the same library electron-store is built on, same file format and location. No conf-side
 * schema (zod validates, see @shared/projects/model) and `clearInvalidConfig: false`, because
 * conf's own recovery silently drops a corrupt file; we move it aside and tell the user instead.
 */
export const confStoreFactory: SettingsStoreFactory = ({ cwd, name }) =>
  new Conf<Record<string, unknown>>({ cwd, configName: name, projectName: 'certdesk', clearInvalidConfig: false, configFileMode: 0o600 });

export interface SettingsStoreOptions {
  dataDir: string;
  factory?: SettingsStoreFactory;
  now?: () => Date;
}

const FILE_NAME = 'config';

export class SettingsStore {
  readonly path: string;
  private readonly lockPath: string;
  private readonly backend: JsonFileBackend;
  private readonly now: () => Date;

  constructor(options: SettingsStoreOptions) {
    this.now = options.now ?? (() => new Date());
    this.path = join(options.dataDir, `${FILE_NAME}.json`);
    this.lockPath = `${this.path}.lock`;
    const factory = options.factory ?? confStoreFactory;
    this.backend = withFileLock(this.lockPath, () => {
      const notice = this.setAsideIfCorrupt();
      const backend = factory({ cwd: options.dataDir, name: FILE_NAME });
      const { profile, migratedFrom } = this.migrate(backend.store);
      if (notice || migratedFrom !== undefined || !existsSync(this.path)) {
        backend.store = (notice ? { ...profile, notices: [...profile.notices, notice].slice(-50) } : profile) as Record<string, unknown>;
      }
      return backend;
    });
  }

  /** The current document, fresh from the file (another process may have changed it). */
  read(): Profile {
    try {
      return this.migrate(this.backend.store).profile;
    } catch (err) {
      if (err instanceof AppError) throw err;
      // Someone wrote a broken file under us: recover the same way as at start.
      return this.update((p) => p);
    }
  }

  /** Read, change, validate and write under the cross-process lock; answers the written document. */
  update(change: (profile: Profile) => Profile): Profile {
    return withFileLock(this.lockPath, () => {
      const notice = this.setAsideIfCorrupt();
      let current = this.migrate(existsSync(this.path) ? this.backend.store : {}).profile;
      if (notice) current = { ...current, notices: [...current.notices, notice].slice(-50) };
      const next = ProfileSchema.parse(change(current));
      this.backend.store = next as Record<string, unknown>;
      return next;
    });
  }

  private migrate(raw: unknown) {
    try {
      return migrateProfile(raw);
    } catch (err) {
      if (err instanceof NewerSchemaError) {
        throw new AppError(ErrorCode.SettingsCorrupt, err.message, { hint: 'Use the newer CertDesk, or move config.json away to start over with this one.' });
      }
      throw err;
    }
  }

  /**
   * A file that isn't JSON or isn't a CertDesk document is renamed to
   * `config.json.corrupt-<date>` (kept for the user to look at) and a notice says so.
   */
  private setAsideIfCorrupt(): Notice | undefined {
    if (!existsSync(this.path)) return undefined;
    let reason: string;
    try {
      migrateProfile(JSON.parse(readFileSync(this.path, 'utf8')));
      return undefined;
    } catch (err) {
      if (err instanceof NewerSchemaError) return undefined;
      reason = err instanceof SyntaxError ? 'it is not valid JSON' : 'it does not match the CertDesk settings schema';
    }
    const at = this.now().toISOString();
    const aside = `${this.path}.corrupt-${at.replace(/[:.]/g, '-')}`;
    renameSync(this.path, aside);
    return {
      id: `corrupt-${at}`,
      at,
      level: 'warning',
      message: `CertDesk's settings file could not be read (${reason}). It was moved to ${aside} and CertDesk started with empty settings; your projects can be re-entered or recovered from that file.`,
    };
  }
}
