import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { LoginResult, RegistryKeyStatus } from '@shared/contract/images';
import { classifyRegistryError } from '@shared/registry/registry-errors';
import { cleanRegistryKey, describeCleaning } from '@shared/registry/key-cleaning';
import { isWrongEndpoint, normalizeEndpoint, projectIdViolation, REGISTRY_USER, registryKeyName, registryViolation, WRONG_ENDPOINT_EXPLANATION } from '@shared/registry/registry-targets';
import type { EngineService } from '../docker/engine-service';
import type { ImageSettingsFile } from '../images/image-settings';
import type { SecretStore } from '../secrets/secret-store';
import { checkRegistryLogin } from './registry-auth-check';

export interface RegistryLoginOptions {
  secrets: SecretStore;
  engine: EngineService;
  settings: ImageSettingsFile;
  /** CA files per registry from the environment (e.g. the test registry's); settings win. */
  defaultCaFiles?: Record<string, string>;
}

export interface RegistryCredentials {
  username: string;
  password: string;
  keyName: string;
}

/** Registry keys: cleaned, tested against the registry, kept in the keychain only, handed to each engine call. */
export class RegistryLoginService {
  constructor(private readonly options: RegistryLoginOptions) {}

  caFileFor(registry: string): string | undefined {
    const r = normalizeEndpoint(registry);
    return this.options.settings.read().registries[r]?.caFile ?? this.options.defaultCaFiles?.[r];
  }

  async login(input: { registry: string; projectId?: string; username: string; key: string; caFile?: string; store: boolean; force?: boolean }, signal?: AbortSignal): Promise<LoginResult> {
    const registry = this.checkRegistry(input.registry, input.force);
    this.checkProject(input.projectId);
    const cleaning = cleanRegistryKey(input.key);
    const { cleaned, ...report } = cleaning;
    if (cleaned.length === 0) {
      throw new AppError(ErrorCode.KeyInvalid, 'The pasted registry key is empty once spaces and hidden characters are removed.', { hint: 'Copy the Registry Key from the project\'s "Upload Your Image" tab again.' });
    }
    const result = await this.check(registry, input.projectId, input.username, cleaned, input.caFile, signal);
    this.rememberCa(registry, input.caFile);
    const keyName = registryKeyName(registry, input.projectId);
    if (input.store) await this.options.secrets.set(keyName, cleaned);
    return {
      ...result,
      cleaning: { ...report, description: describeCleaning(cleaning) },
      stored: input.store,
      ...(input.store ? { keyName } : {}),
    };
  }

  async testLogin(input: { registry: string; projectId?: string; caFile?: string; force?: boolean }, signal?: AbortSignal): Promise<LoginResult> {
    const registry = this.checkRegistry(input.registry, input.force);
    this.checkProject(input.projectId);
    const creds = await this.credentials(registry, input.projectId);
    const result = await this.check(registry, input.projectId, creds.username, creds.password, input.caFile, signal);
    this.rememberCa(registry, input.caFile);
    return { ...result, cleaning: { removed: [], replaced: [], changed: false, description: 'Stored key tested.' }, stored: true, keyName: creds.keyName };
  }

  async logout(input: { registry: string; projectId?: string }): Promise<{ removed: boolean; keyName: string }> {
    this.checkRegistry(input.registry, true);
    this.checkProject(input.projectId);
    const keyName = registryKeyName(input.registry, input.projectId);
    return { removed: await this.options.secrets.delete(keyName), keyName };
  }

  async keyStatus(input: { registry: string; projectId?: string }): Promise<RegistryKeyStatus> {
    const registry = this.checkRegistry(input.registry, true);
    const keyName = registryKeyName(registry, input.projectId);
    const stored = (await this.options.secrets.get(keyName)) !== undefined;
    const caFile = this.caFileFor(registry);
    return { registry, ...(input.projectId ? { projectId: input.projectId } : {}), keyName, stored, ...(caFile ? { caFile } : {}) };
  }

  /** The key of this project, else of the registry; the value stays in main. */
  async credentials(registry: string, projectId?: string): Promise<RegistryCredentials> {
    const names = projectId ? [registryKeyName(registry, projectId), registryKeyName(registry)] : [registryKeyName(registry)];
    for (const keyName of names) {
      const password = await this.options.secrets.get(keyName);
      if (password) return { username: REGISTRY_USER, password, keyName };
    }
    throw new AppError(ErrorCode.SecretNotFound, `No registry key is stored for ${normalizeEndpoint(registry)}${projectId ? ` (project ${projectId})` : ''}.`, {
      hint: `Log in first: paste the project's Registry Key (CLI: certdesk login ${normalizeEndpoint(registry)}${projectId ? ` --project ${projectId}` : ''}).`,
    });
  }

  /** The normalised registry; a path, a bad host or (unless forced) the FAQ 8 endpoint is refused. */
  private checkRegistry(registry: string, force = false): string {
    const v = registryViolation(registry);
    if (v) throw new AppError(ErrorCode.InvalidInput, v, { hint: 'The default endpoint is scan.connect.redhat.com.' });
    if (!force && isWrongEndpoint(registry)) {
      throw new AppError(ErrorCode.WrongEndpoint, WRONG_ENDPOINT_EXPLANATION, { hint: 'Log in to scan.connect.redhat.com instead. If you really mean this registry, log in again with "force".' });
    }
    return normalizeEndpoint(registry);
  }

  /** A CA file is kept for the registry only once a login through it worked. */
  private rememberCa(registry: string, caFile: string | undefined): void {
    if (!caFile) return;
    this.options.settings.update((s) => ({ ...s, registries: { ...s.registries, [registry]: { ...s.registries[registry], caFile } } }));
  }

  private checkProject(projectId: string | undefined): void {
    if (projectId === undefined) return;
    const v = projectIdViolation(projectId);
    if (v) throw new AppError(ErrorCode.InvalidInput, v, { hint: 'Copy the pid from the project\'s "Upload Your Image" tab.' });
  }

  private async check(registry: string, projectId: string | undefined, username: string, password: string, caFileGiven: string | undefined, signal?: AbortSignal): Promise<Omit<LoginResult, 'cleaning' | 'stored' | 'keyName'>> {
    const caFile = caFileGiven ?? this.caFileFor(registry);
    const { method } = await checkRegistryLogin({ registry, username, password, ...(caFile ? { caFile } : {}), ...(projectId ? { projectId } : {}), ...(signal ? { signal } : {}) });
    const engineCheck = await this.engineCheck(registry, username, password, projectId);
    return { registry, ...(projectId ? { projectId } : {}), verified: true, method, ...(engineCheck ? { engineCheck } : {}) };
  }

  /** The engine's own view (it is what pushes); optional, since the HTTPS check already decided. */
  private async engineCheck(registry: string, username: string, password: string, projectId?: string): Promise<{ ok: boolean; message: string } | undefined> {
    let docker;
    try {
      docker = await this.options.engine.docker();
    } catch {
      return undefined;
    }
    try {
      const answer = (await docker.checkAuth({ username, password, serveraddress: registry })) as { Status?: string };
      return { ok: true, message: answer.Status ?? 'Login Succeeded' };
    } catch (err) {
      const c = classifyRegistryError(err, { registry, ...(projectId ? { project: projectId } : {}), operation: 'login' });
      return { ok: false, message: `${c.message} ${c.hint}` };
    }
  }
}
