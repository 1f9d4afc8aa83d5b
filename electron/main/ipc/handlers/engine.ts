import type { engineCalls } from '@shared/contract/engine';
import type { Services } from '../../services/create-services';
import type { HandlersFor } from '../register';

export function engineHandlers(services: Services): HandlersFor<typeof engineCalls> {
  return {
    'engine.status': () => services.engine.status(),
    'engine.reconnect': () => services.engine.reconnect(),
    'engine.images': () => services.engine.images(),
  };
}
