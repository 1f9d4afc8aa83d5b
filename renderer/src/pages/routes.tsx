import type { ComponentType } from 'react';
import { BuildPage } from './build/BuildPage';
import { ChecklistPage } from './checklist/ChecklistPage';
import { DashboardPage } from './dashboard/DashboardPage';
import { DockerfilePage } from './dockerfile/DockerfilePage';
import { EnginePage } from './engine/EnginePage';
import { HelpPage } from './help/HelpPage';
import { KeysPage } from './keys/KeysPage';
import { ScanPage } from './scan/ScanPage';
import { WizardPage } from './wizard/WizardPage';

export interface Route {
  path: string;
  label: string;
  page: ComponentType;
  /**
   * Pages that run long work stay mounted (hidden) once visited: leaving Build & push mid-build
   * must not lose the live log, the step counter or the Cancel button.
   */
  keepAlive?: boolean;
}

/** The navigation, in the order of a certification: plan, write, build, check, ship. */
export const routes: Route[] = [
  { path: 'dashboard', label: 'Dashboard', page: DashboardPage },
  { path: 'wizard', label: 'First certification', page: WizardPage },
  { path: 'checklist', label: 'Checklist', page: ChecklistPage },
  { path: 'dockerfile', label: 'Dockerfile', page: DockerfilePage },
  { path: 'build', label: 'Build & push', page: BuildPage, keepAlive: true },
  { path: 'scan', label: 'Scan', page: ScanPage, keepAlive: true },
  { path: 'keys', label: 'Keys', page: KeysPage },
  { path: 'engine', label: 'Engine', page: EnginePage },
  { path: 'help', label: 'Help', page: HelpPage },
];
