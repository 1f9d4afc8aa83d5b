/**
 * Where a container engine may listen, in the order the app tries them. Pure: the caller
 * passes the environment, home folder and platform. Sources: REFERENCE.md "Engine sockets".
 */
export interface EngineCandidate {
  host: string;
  source: string;
}

export interface CandidateInputs {
  env: Record<string, string | undefined>;
  home: string;
  platform: string;
  uid?: number;
  /** A host the user chose in the app; tried first. */
  configuredHost?: string;
}

export function engineCandidates(inputs: CandidateInputs): EngineCandidate[] {
  const { env, home, platform } = inputs;
  const out: EngineCandidate[] = [];
  const add = (host: string, source: string) => {
    if (!out.some((c) => c.host === host)) out.push({ host, source });
  };
  if (inputs.configuredHost) add(normalizeHost(inputs.configuredHost), 'chosen in CertDesk');
  if (env.DOCKER_HOST) add(normalizeHost(env.DOCKER_HOST), 'DOCKER_HOST');
  if (env.CONTAINER_HOST) add(normalizeHost(env.CONTAINER_HOST), 'CONTAINER_HOST (Podman)');
  if (platform === 'win32') {
    add('npipe:////./pipe/docker_engine', 'Docker Desktop named pipe');
    add('npipe:////./pipe/podman-machine-default', 'Podman machine named pipe');
    return out;
  }
  add('unix:///var/run/docker.sock', 'Docker system socket');
  const runtimeDir = env.XDG_RUNTIME_DIR ?? (inputs.uid !== undefined ? `/run/user/${inputs.uid}` : undefined);
  if (runtimeDir) {
    add(`unix://${runtimeDir}/docker.sock`, 'rootless Docker');
    add(`unix://${runtimeDir}/podman/podman.sock`, 'Podman (rootless)');
  }
  add('unix:///run/podman/podman.sock', 'Podman (system)');
  if (platform === 'darwin') {
    add(`unix://${home}/.docker/run/docker.sock`, 'Docker Desktop');
    add(`unix://${home}/.local/share/containers/podman/machine/podman.sock`, 'Podman machine');
  } else {
    add(`unix://${home}/.docker/desktop/docker.sock`, 'Docker Desktop');
  }
  return out;
}

/** A bare socket path is accepted as `unix://path` (Podman users often paste it without the prefix). */
export function normalizeHost(host: string): string {
  const trimmed = host.trim();
  if (trimmed.startsWith('/')) return `unix://${trimmed}`;
  return trimmed;
}

export type ParsedEngineHost =
  | { protocol: 'unix'; socketPath: string }
  | { protocol: 'npipe'; socketPath: string }
  | { protocol: 'tcp'; host: string; port: number }
  | { protocol: 'ssh'; username?: string; host: string; port: number };

/** Splits an engine address into what a client needs; returns an error text for nonsense. */
export function parseEngineHost(host: string): ParsedEngineHost | { error: string } {
  const value = normalizeHost(host);
  if (value.startsWith('unix://')) {
    const socketPath = value.slice('unix://'.length);
    if (!socketPath.startsWith('/')) return { error: `"${host}" needs an absolute socket path after unix://.` };
    return { protocol: 'unix', socketPath };
  }
  if (value.startsWith('npipe://')) return { protocol: 'npipe', socketPath: value.slice('npipe://'.length).replace(/\//g, '\\') };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { error: `"${host}" is not an engine address (unix://, tcp://, ssh:// or npipe://).` };
  }
  if (url.protocol === 'tcp:' || url.protocol === 'http:' || url.protocol === 'https:') {
    const port = url.port ? Number(url.port) : 2375;
    return { protocol: 'tcp', host: url.hostname, port };
  }
  if (url.protocol === 'ssh:') {
    const parsed: ParsedEngineHost = { protocol: 'ssh', host: url.hostname, port: url.port ? Number(url.port) : 22 };
    if (url.username) parsed.username = decodeURIComponent(url.username);
    return parsed;
  }
  return { error: `"${host}" uses ${url.protocol} — CertDesk speaks unix://, tcp://, ssh:// and npipe://.` };
}
