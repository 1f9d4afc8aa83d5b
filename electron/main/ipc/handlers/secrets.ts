import type { secretsCalls } from '@shared/contract/secrets';
import type { Services } from '../../services/create-services';
import type { HandlersFor } from '../register';

export function secretsHandlers(services: Services): HandlersFor<typeof secretsCalls> {
  void services;
  return {};
}
