import type { scanCalls } from '@shared/contract/scan';
import type { Services } from '../../services/create-services';
import type { HandlersFor } from '../register';

export function scanHandlers(services: Services): HandlersFor<typeof scanCalls> {
  void services;
  return {};
}
