import ElectronStore from 'electron-store';
import type { SettingsStoreFactory } from './settings-store';

/**
 * The desktop shell's backend: electron-store over the same `<dataDir>/config.json` that `serve`
 * and the CLI open through conf (electron-store is conf with Electron's paths), so all three
 * share one file, one schema and one set of migrations. Only the Electron entry imports this.
 */
export const electronStoreFactory: SettingsStoreFactory = ({ cwd, name }) =>
  new ElectronStore<Record<string, unknown>>({ cwd, name, clearInvalidConfig: false, configFileMode: 0o600 });
