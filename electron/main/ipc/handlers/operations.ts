import type { operationCalls } from '@shared/contract/operations';
import type { Services } from '../../services/create-services';
import type { HandlersFor } from '../register';

export function operationHandlers(services: Services): HandlersFor<typeof operationCalls> {
  return {
    'operation.cancel': ({ operationId }) => ({ cancelled: services.operations.cancel(operationId) }),
    'operation.list': () => services.operations.list(),
  };
}
