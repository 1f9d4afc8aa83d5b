import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import { parseEngineHost } from '@shared/engine/engine-candidates';
import type { engineCalls } from '@shared/contract/engine';
import type { Services } from '../../services/create-services';
import { engineSshKeyName, readEngineSshKey } from '../../services/docker/engine-ssh-key';
import type { HandlersFor } from '../register';

export function engineHandlers(services: Services): HandlersFor<typeof engineCalls> {
  return {
    'engine.status': () => services.engine.status(),
    'engine.reconnect': () => services.engine.reconnect(),
    'engine.images': () => services.engine.images(),
    'engine.setHost': async ({ host, acceptNewHostKey, sshKeyFile }) => {
      if (host !== null) {
        const parsed = parseEngineHost(host);
        if ('error' in parsed) throw new AppError(ErrorCode.InvalidInput, parsed.error, { hint: 'Use unix:///path/docker.sock, tcp://host:2376 or ssh://user@build-host.' });
        if (sshKeyFile !== undefined) {
          if (parsed.protocol !== 'ssh') throw new AppError(ErrorCode.InvalidInput, 'An SSH key file only goes with an ssh:// engine.');
          await services.secrets.set(engineSshKeyName(host), await readEngineSshKey(sshKeyFile));
        }
        // An unknown or changed ssh:// host key throws here, before the choice is saved.
        await services.engine.checkHostKey(host, { acceptNewHostKey });
      }
      services.images.settings.update((s) => {
        const next = { ...s };
        if (host === null) delete next.engineHost;
        else next.engineHost = host;
        return next;
      });
      return services.engine.reconnect();
    },
  };
}
