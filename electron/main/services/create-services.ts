import { mkdirSync } from 'node:fs';
import { appPathsFor, type AppPaths } from './app-paths';
import { EngineService } from './docker/engine-service';
import { createImagesServices } from './images/create-images-services';
import { ImageSettingsFile } from './images/image-settings';
import { LintService } from './lint/lint-service';
import { OperationRegistry } from './operations/operation-registry';
import { SecretsService } from './secrets/secrets-service';
import { DeployKeysService } from './sshkeys/deploy-keys-service';
import { RepoCheckService } from './repo-check/repo-check-service';
import type { EvidenceRecorder } from './projects/evidence-recorder';
import { ProjectsService } from './projects/projects-service';
import { SettingsStore, type SettingsStoreFactory } from './settings/settings-store';
import { ChromiumPdfPrinter, type PdfPrinter } from './report/pdf-printer';
import { ReportService } from './report/report-service';
import { ScanService } from './scan/scan-service';
import type { SecretClipboard } from './secret-clipboard';

export interface ServiceOptions {
  dataDir: string;
  env: Record<string, string | undefined>;
  /** Electron passes one building an electron-store; `serve` and the CLI default to conf (same file, same schema). */
  settingsStoreFactory?: SettingsStoreFactory;
  /** Electron may pass a printToPDF-based printer; `serve` and the CLI print with headless Chromium. */
  pdfPrinter?: PdfPrinter;
  /** Only the desktop app has a system clipboard for an explicit copy of a secret. */
  clipboard?: SecretClipboard;
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
  const deployKeys = new DeployKeysService(secrets);
  const repoCheck = new RepoCheckService({ dataDir: paths.dataDir, keys: deployKeys });
  const operations = new OperationRegistry();
  // The project model lives in the settings file (config.json in the data folder).
  const settings = new SettingsStore({ dataDir: paths.dataDir, ...(options.settingsStoreFactory ? { factory: options.settingsStoreFactory } : {}) });
  const projects = new ProjectsService(settings);
  /** Where lint, scan, push and key checks leave their results for the checklist and the wizard. */
  const evidence: EvidenceRecorder = projects;
  const reports = new ReportService(projects, { reportsDir: paths.reportsDir, tmpDir: paths.tmpDir, printer: options.pdfPrinter ?? new ChromiumPdfPrinter(options.env.CERTDESK_CHROMIUM) });
  // The engine the user picked (engine.setHost) and its SSH key from the keychain.
  const imageSettings = new ImageSettingsFile(paths.dataDir);
  const engine = new EngineService({
    env: options.env,
    configuredHost: () => imageSettings.read().engineHost,
    sshKeyFor: (host) => secrets.get(`engine-ssh-key:${host}`),
    knownHostsDir: paths.dataDir,
  });
  const images = createImagesServices({ paths, env: options.env, engine, secrets, settings: imageSettings, evidence });
  const lint = new LintService();
  const scan = new ScanService({ dataDir: paths.dataDir, env: options.env, engine });

  const services = {
    paths,
    env: options.env,
    secrets,
    clipboard: options.clipboard,
    deployKeys,
    repoCheck,
    operations,
    engine,
    images,
    lint,
    scan,
    settings,
    projects,
    evidence,
    reports,
    dispose(): void {
      projects.dispose();
      operations.dispose();
      secrets.dispose();
      engine.dispose();
      lint.dispose();
      scan.dispose();
    },
  };
  return services;
}

export type Services = ReturnType<typeof createServices>;
