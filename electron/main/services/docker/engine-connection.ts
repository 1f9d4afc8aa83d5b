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
      const sshOptions: NonNullable<Dockerode.DockerOptions['sshOptions']> = { readyTimeout: options.timeoutMs ?? 10_000 };
      if (options.sshPrivateKey) sshOptions.privateKey = options.sshPrivateKey;
      const dockerOptions: Dockerode.DockerOptions = { protocol: 'ssh', host: parsed.host, port: parsed.port, sshOptions };
      if (parsed.username) dockerOptions.username = parsed.username;
      if (!options.sshPrivateKey && options.env.SSH_AUTH_SOCK) dockerOptions.sshAuthAgent = options.env.SSH_AUTH_SOCK;
      return new Dockerode(dockerOptions);
    }
  }
}
