import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import type { secretsCalls } from '@shared/contract/secrets';
import { registryKeyName } from '@shared/secrets/secret-names';
import type { Services } from '../../services/create-services';
import type { CallContext } from '../call-context';
import type { HandlersFor } from '../register';

export function secretsHandlers(services: Services): HandlersFor<typeof secretsCalls> {
  const { secrets } = services;
  return {
    'secrets.status': () => secrets.status(),
    'secrets.useSessionMemory': ({ enable }) => secrets.useSessionMemory(enable),
    'secrets.list': () => secrets.list(),
    'secrets.setRegistryKey': async ({ project, key }) => {
      const name = registryKeyName(project);
      // Pasted keys often carry a trailing newline or spaces (REFERENCE: "hidden characters"); the key itself has none.
      await secrets.set(name, key.trim(), { project });
      const info = await secrets.info(name);
      if (!info) throw new AppError(ErrorCode.Internal, 'The registry key was stored but is not indexed.');
      return info;
    },
    'secrets.copyRegistryKey': async ({ project }, ctx) => {
      const key = await secrets.require(registryKeyName(project));
      if (await copyToClipboard(ctx, key)) return { copiedToClipboard: true };
      return { copiedToClipboard: false, key };
    },
    'secrets.delete': async ({ name }) => ({ deleted: await secrets.delete(name) }),
    'secrets.deleteProject': async ({ project }) => ({ deleted: await secrets.deleteProject(project) }),
    'keys.list': () => notYet(),
    'keys.generate': () => notYet(),
    'keys.show': () => notYet(),
    'keys.import': () => notYet(),
    'keys.export': () => notYet(),
    'keys.delete': () => notYet(),
    'repo.check': () => notYet(),
  };
}

function notYet(): never {
  throw new AppError(ErrorCode.Internal, 'Not implemented yet.');
}

/**
 * The clipboard exists only inside Electron's main process. The bridge and the CLI get the value
 * back from this explicit call instead (the page or the terminal is where the person is).
 */
export async function copyToClipboard(ctx: CallContext, text: string): Promise<boolean> {
  if (ctx.door !== 'ipc') return false;
  const electron = (await import('electron')) as unknown as { clipboard?: { writeText(text: string): void } };
  if (!electron.clipboard) return false;
  electron.clipboard.writeText(text);
  return true;
}
