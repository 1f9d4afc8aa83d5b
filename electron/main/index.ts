import { app, BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandlerTable } from './ipc/handler-table';
import { installProcessErrorGuard } from './process-error-guard';
import { registerHandlers, type Registration } from './ipc/register';
import { rendererDir } from './services/bundle-paths';
import { createServices, type Services } from './services/create-services';
import { electronStoreFactory } from './services/settings/electron-store-factory';
import { registerAppScheme, serveRenderer } from './shell/app-protocol';
import { electronIpcDoor } from './shell/electron-ipc-door';
import { electronSecretClipboard } from './shell/electron-clipboard';
import { ElectronPdfPrinter } from './shell/electron-pdf-printer';
import { createMainWindow } from './shell/main-window';
import { applySecurityRestrictions } from './shell/security-restrictions';

/**
 * The Electron entry: thin on purpose. Everything it wires is plain Node and is tested
 * without Electron (the same services and handler table run under `certdesk serve` and the CLI).
 */
const bundleDir = dirname(fileURLToPath(import.meta.url));
let mainWindow: BrowserWindow | undefined;
let services: Services | undefined;
let registration: Registration<IpcMainInvokeEvent> | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    registration?.dispose();
    services?.dispose();
  });
  void app.whenReady().then(() => {
    applySecurityRestrictions();
    serveRenderer(rendererDir());
    services = createServices({
      dataDir: app.getPath('userData'),
      env: process.env,
      settingsStoreFactory: electronStoreFactory,
      pdfPrinter: new ElectronPdfPrinter(),
      clipboard: electronSecretClipboard,
    });
    installProcessErrorGuard(services.paths.logsDir);
    registration = registerHandlers(electronIpcDoor(() => mainWindow), createHandlerTable(services));
    mainWindow = createMainWindow(bundleDir);
    mainWindow.on('closed', () => {
      mainWindow = undefined;
    });
  });
}
