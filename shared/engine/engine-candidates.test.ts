import { describe, expect, it } from 'vitest';
import { engineCandidates, parseEngineHost } from './engine-candidates';

describe('engineCandidates', () => {
  it('tries DOCKER_HOST first, then system, rootless, Podman and Desktop sockets', () => {
    const list = engineCandidates({ env: { DOCKER_HOST: 'unix:///tmp/x.sock', XDG_RUNTIME_DIR: '/run/user/1000' }, home: '/home/a', platform: 'linux' });
    expect(list.map((c) => c.host)).toEqual([
      'unix:///tmp/x.sock',
      'unix:///var/run/docker.sock',
      'unix:///run/user/1000/docker.sock',
      'unix:///run/user/1000/podman/podman.sock',
      'unix:///run/podman/podman.sock',
      'unix:///home/a/.docker/desktop/docker.sock',
    ]);
    expect(list[0]?.source).toBe('DOCKER_HOST');
  });

  it('adds the unix:// prefix a Podman socket path is often pasted without', () => {
    const list = engineCandidates({ env: { DOCKER_HOST: '/run/user/1/podman/podman.sock' }, home: '/h', platform: 'linux' });
    expect(list[0]?.host).toBe('unix:///run/user/1/podman/podman.sock');
  });

  it('uses named pipes on Windows', () => {
    const list = engineCandidates({ env: {}, home: 'C:\\Users\\a', platform: 'win32' });
    expect(list.every((c) => c.host.startsWith('npipe://'))).toBe(true);
  });

  it('does not repeat a host', () => {
    const list = engineCandidates({ env: { DOCKER_HOST: 'unix:///var/run/docker.sock' }, home: '/h', platform: 'linux' });
    expect(list.filter((c) => c.host === 'unix:///var/run/docker.sock')).toHaveLength(1);
  });
});

describe('parseEngineHost', () => {
  it('parses each scheme', () => {
    expect(parseEngineHost('unix:///var/run/docker.sock')).toEqual({ protocol: 'unix', socketPath: '/var/run/docker.sock' });
    expect(parseEngineHost('tcp://10.0.0.5:2376')).toEqual({ protocol: 'tcp', host: '10.0.0.5', port: 2376 });
    expect(parseEngineHost('ssh://builder@rhel9:2222')).toEqual({ protocol: 'ssh', username: 'builder', host: 'rhel9', port: 2222 });
  });

  it('answers nonsense with an error, not a throw', () => {
    expect(parseEngineHost('ftp://x')).toHaveProperty('error');
    expect(parseEngineHost('not a host')).toHaveProperty('error');
    expect(parseEngineHost('unix://relative')).toHaveProperty('error');
  });
});
