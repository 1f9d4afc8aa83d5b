import { mkdirSync } from 'node:fs';
import { appPathsFor, type AppPaths } from './app-paths';
import { EngineService } from './docker/engine-service';
import { OperationRegistry } from './operations/operation-registry';
import { SecretsService } from './secrets/secrets-service';

export interface ServiceOptions {
  dataDir: string;
  env: Record<string, string | undefined>;
}

/**
 * The composition root: every service is constructed here, once, and the same set runs under
 * Electron, `certdesk serve` and the CLI. Order matters only where one service takes another.
 */
export function createServices(options: ServiceOptions) {
  const paths: AppPaths = appPathsFor(options.dataDir);
  for (const dir of [paths.dataDir, paths.logsDir, paths.tmpDir]) mkdirSync(dir, { recursive: true, mode: 0o700 });

  // Early: other services (login, push, ssh engines) take the secret store.
  const secrets = new SecretsService({ dataDir: paths.dataDir });
  const operations = new OperationRegistry();
  const engine = new EngineService({ env: options.env });

  const services = {
    paths,
    env: options.env,
    secrets,
    operations,
    engine,
    dispose(): void {
      operations.dispose();
      secrets.dispose();
      engine.dispose();
    },
  };
  return services;
}

export type Services = ReturnType<typeof createServices>;
