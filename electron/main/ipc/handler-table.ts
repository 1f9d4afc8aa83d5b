import type { Services } from '../services/create-services';
import { engineHandlers } from './handlers/engine';
import { imagesHandlers } from './handlers/images';
import { lintHandlers } from './handlers/lint';
import { operationHandlers } from './handlers/operations';
import { projectsHandlers } from './handlers/projects';
import { scanHandlers } from './handlers/scan';
import { secretsHandlers } from './handlers/secrets';
import type { HandlerTable } from './register';

/** The one table every door serves: Electron IPC, the loopback bridge and the CLI. */
export function createHandlerTable(services: Services): HandlerTable {
  return {
    ...engineHandlers(services),
    ...operationHandlers(services),
    ...lintHandlers(services),
    ...scanHandlers(services),
    ...imagesHandlers(services),
    ...secretsHandlers(services),
    ...projectsHandlers(services),
  };
}
