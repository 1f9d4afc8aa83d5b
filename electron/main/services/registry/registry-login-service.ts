import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { LoginResult, RegistryKeyStatus } from '@shared/contract/images';
import { classifyRegistryError } from '@shared/registry/registry-errors';
import { cleanRegistryKey, describeCleaning } from '@shared/registry/key-cleaning';
import { normalizeEndpoint, projectIdViolation, REGISTRY_USER, registryKeyName } from '@shared/registry/registry-targets';
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

  async login(input: { registry: string; projectId?: string; username: string; key: string; caFile?: string; store: boolean }, signal?: AbortSignal): Promise<LoginResult> {
    const registry = normalizeEndpoint(input.registry);
    this.checkProject(input.projectId);
    const cleaning = cleanRegistryKey(input.key);
    const { cleaned, ...report } = cleaning;
    if (cleaned.length === 0) {
      throw new AppError(ErrorCode.KeyInvalid, 'The pasted registry key is empty once spaces and hidden characters are removed.', { hint: 'Copy the Registry Key from the project\'s "Upload Your Image" tab again.' });
    }
    if (input.caFile) this.options.settings.update((s) => ({ ...s, registries: { ...s.registries, [registry]: { ...s.registries[registry], caFile: input.caFile } } }));
    const result = await this.check(registry, input.projectId, input.username, cleaned, signal);
    const keyName = registryKeyName(registry, input.projectId);
    if (input.store) await this.options.secrets.set(keyName, cleaned);
    return {
      ...result,
      cleaning: { ...report, description: describeCleaning(cleaning) },
      stored: input.store,
      ...(input.store ? { keyName } : {}),
    };
  }

  async testLogin(input: { registry: string; projectId?: string; caFile?: string }, signal?: AbortSignal): Promise<LoginResult> {
    const registry = normalizeEndpoint(input.registry);
    if (input.caFile) this.options.settings.update((s) => ({ ...s, registries: { ...s.registries, [registry]: { ...s.registries[registry], caFile: input.caFile } } }));
    const creds = await this.credentials(registry, input.projectId);
    const result = await this.check(registry, input.projectId, creds.username, creds.password, signal);
    return { ...result, cleaning: { removed: [], replaced: [], changed: false, description: 'Stored key tested.' }, stored: true, keyName: creds.keyName };
  }

  async logout(input: { registry: string; projectId?: string }): Promise<{ removed: boolean; keyName: string }> {
    const keyName = registryKeyName(input.registry, input.projectId);
    return { removed: await this.options.secrets.delete(keyName), keyName };
  }

  async keyStatus(input: { registry: string; projectId?: string }): Promise<RegistryKeyStatus> {
    const registry = normalizeEndpoint(input.registry);
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

  private checkProject(projectId: string | undefined): void {
    if (projectId === undefined) return;
    const v = projectIdViolation(projectId);
    if (v) throw new AppError(ErrorCode.InvalidInput, v, { hint: 'Copy the pid from the project\'s "Upload Your Image" tab.' });
  }

  private async check(registry: string, projectId: string | undefined, username: string, password: string, signal?: AbortSignal): Promise<Omit<LoginResult, 'cleaning' | 'stored' | 'keyName'>> {
    const caFile = this.caFileFor(registry);
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
