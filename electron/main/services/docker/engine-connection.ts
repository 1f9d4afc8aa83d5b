import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dockerode from 'dockerode';
import { AppError } from '@shared/contract/app-error';
import { ErrorCode } from '@shared/contract/error-codes';
import { parseEngineHost } from '@shared/engine/engine-candidates';

export interface ConnectionOptions {
  env: Record<string, string | undefined>;
  /** Private key for ssh:// engines (from the keychain); without one, the SSH agent is used. */
  sshPrivateKey?: string;
  /** How long a ping may take before the engine counts as unreachable. */
  timeoutMs?: number;
  /** Checks an ssh:// engine's host key (CertDesk's known hosts); without one, any key would be accepted. */
  hostVerifier?: (key: Buffer) => boolean;
}

/** Turns an engine address into a dockerode client. Throws AppError for an address it cannot use. */
export function connectEngine(host: string, options: ConnectionOptions): Dockerode {
  const parsed = parseEngineHost(host);
  if ('error' in parsed) throw new AppError(ErrorCode.InvalidInput, parsed.error);
  switch (parsed.protocol) {
    case 'unix':
    case 'npipe':
      return new Dockerode({ socketPath: parsed.socketPath });
    case 'tcp': {
      const tlsVerify = options.env.DOCKER_TLS_VERIFY !== undefined && options.env.DOCKER_TLS_VERIFY !== '' && options.env.DOCKER_TLS_VERIFY !== '0';
      if (!tlsVerify) return new Dockerode({ host: parsed.host, port: parsed.port, protocol: 'http' });
      const certDir = options.env.DOCKER_CERT_PATH;
      if (!certDir) {
        throw new AppError(ErrorCode.InvalidInput, 'DOCKER_TLS_VERIFY is set but DOCKER_CERT_PATH is not.', {
          hint: 'Point DOCKER_CERT_PATH at the folder holding ca.pem, cert.pem and key.pem.',
        });
      }
      return new Dockerode({
        host: parsed.host,
        port: parsed.port,
        protocol: 'https',
        ca: readFileSync(join(certDir, 'ca.pem')),
        cert: readFileSync(join(certDir, 'cert.pem')),
        key: readFileSync(join(certDir, 'key.pem')),
      });
    }
    case 'ssh': {
      // docker-modem hands sshOptions to ssh2's Client.connect for every request, then runs
      // `docker system dial-stdio` on the build host: the remote user needs `docker` on its PATH.
      const sshOptions: NonNullable<Dockerode.DockerOptions['sshOptions']> & { hostVerifier?: (key: Buffer) => boolean } = {
        readyTimeout: options.timeoutMs ?? 10_000,
        // Only the keychain key (or the agent): no keyboard-interactive prompt nobody can answer.
        tryKeyboard: false,
      };
      if (options.hostVerifier) sshOptions.hostVerifier = options.hostVerifier;
      if (options.sshPrivateKey) sshOptions.privateKey = options.sshPrivateKey;
      // ssh2 reads the agent from sshOptions.agent (dockerode's typed `sshAuthAgent` is never read by docker-modem).
      else if (options.env.SSH_AUTH_SOCK) sshOptions.agent = options.env.SSH_AUTH_SOCK;
      const dockerOptions: Dockerode.DockerOptions = { protocol: 'ssh', host: parsed.host, port: parsed.port, sshOptions };
      if (parsed.username) dockerOptions.username = parsed.username;
      return new Dockerode(dockerOptions);
    }
  }
}
