import type { projectsCalls } from '@shared/contract/projects';
import type { Services } from '../../services/create-services';
import type { HandlersFor } from '../register';

export function projectsHandlers(services: Services): HandlersFor<typeof projectsCalls> {
  void services;
  return {};
}
