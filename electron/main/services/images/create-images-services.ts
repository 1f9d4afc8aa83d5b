import type { AppPaths } from '../app-paths';
import type { EngineService } from '../docker/engine-service';
import type { EvidenceRecorder } from '../projects/evidence-recorder';
import { RegistryLoginService } from '../registry/registry-login-service';
import type { SecretStore } from '../secrets/secret-store';
import { BuildLogStore } from './build-logs';
import { BuildService } from './build-service';
import type { ImageSettingsFile } from './image-settings';
import { PushPullService } from './push-pull-service';

export interface ImagesServicesOptions {
  paths: AppPaths;
  env: Record<string, string | undefined>;
  engine: EngineService;
  secrets: SecretStore;
  settings: ImageSettingsFile;
  evidence?: EvidenceRecorder;
}

/** The images capability's services, built together because they share settings and the engine. */
export function createImagesServices(options: ImagesServicesOptions) {
  const registry = new RegistryLoginService({
    secrets: options.secrets,
    engine: options.engine,
    settings: options.settings,
    defaultCaFiles: caFilesFromEnv(options.env),
  });
  const build = new BuildService({ engine: options.engine, logs: new BuildLogStore(options.paths.buildLogsDir), settings: options.settings, appDataDir: options.paths.dataDir });
  const pushPull = new PushPullService({
    engine: options.engine,
    registry,
    settings: options.settings,
    ...(options.evidence ? { evidence: options.evidence } : {}),
    ...(options.env.CERTDESK_PUSH_BACKOFF_MS ? { backoffMs: () => Number(options.env.CERTDESK_PUSH_BACKOFF_MS) } : {}),
  });
  return { settings: options.settings, registry, build, pushPull };
}

/**
 * A CA per registry from the environment: `CERTDESK_REGISTRY_CA="host:port=/path/ca.pem;…"`, and
 * the test registry's (CERTDESK_TEST_REGISTRY + CERTDESK_TEST_REGISTRY_CA) so tests need no setup.
 * Settings saved through login (--ca) win over these.
 */
export function caFilesFromEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (env.CERTDESK_REGISTRY_CA ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0) out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  if (env.CERTDESK_TEST_REGISTRY && env.CERTDESK_TEST_REGISTRY_CA) out[env.CERTDESK_TEST_REGISTRY] ??= env.CERTDESK_TEST_REGISTRY_CA;
  return out;
}

export type ImagesServices = ReturnType<typeof createImagesServices>;
