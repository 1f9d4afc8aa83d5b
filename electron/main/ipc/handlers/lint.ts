import type { lintCalls } from '@shared/contract/lint';
import type { Services } from '../../services/create-services';
import type { HandlersFor } from '../register';

export function lintHandlers(services: Services): HandlersFor<typeof lintCalls> {
  void services;
  return {};
}
