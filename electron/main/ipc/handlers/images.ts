import type { imagesCalls } from '@shared/contract/images';
import type { Services } from '../../services/create-services';
import type { HandlersFor } from '../register';

export function imagesHandlers(services: Services): HandlersFor<typeof imagesCalls> {
  void services;
  return {};
}
