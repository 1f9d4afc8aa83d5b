// A private Docker engine: its own data root, exec root, socket and pidfile, no network setup.
import { existsSync, mkdirSync, symlinkSync, copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:net';
import { daemon, run, stopChild, waitFor } from './service-utils.mjs';

export const BASE_IMAGE = 'certdesk-test/busybox:1';

export async function startDockerEngine(root) {
  const dir = join(root, 'docker');
  // The exec root holds the socket of containerd shims: unix socket paths are limited to 108 bytes.
  const execRoot = `/tmp/cdx-${process.pid}-${Date.now().toString(36)}`;
  mkdirSync(dir, { recursive: true });
  const socket = join(dir, 'docker.sock');
  const child = daemon(
    'dockerd',
    [
      '--data-root', join(dir, 'data'),
      '--exec-root', execRoot,
      '-H', `unix://${socket}`,
      '--pidfile', join(dir, 'docker.pid'),
      '--iptables=false',
      '--ip6tables=false',
      '--bridge=none',
      '--containerd-namespace', `certdesk-${process.pid}`,
      '--containerd-plugins-namespace', `certdesk-${process.pid}-plugins`,
    ],
    join(dir, 'dockerd.log'),
  );
  const host = `unix://${socket}`;
  await waitFor('dockerd', () => pingSocket(socket), 90_000);
  const env = { DOCKER_HOST: host };
  await ensureBaseImage(root, env);
  return {
    env: { ...env, CERTDESK_TEST_DOCKER_HOST: host, CERTDESK_TEST_BASE_IMAGE: BASE_IMAGE, CERTDESK_TEST_DOCKERD_LOG: join(dir, 'dockerd.log') },
    child,
    async stop() {
      await stopChild(child, 'SIGTERM', 20_000);
    },
  };
}

function pingSocket(socket) {
  return new Promise((resolve) => {
    if (!existsSync(socket)) return resolve(false);
    const s = connect(socket, () => {
      s.write('GET /_ping HTTP/1.0\r\n\r\n');
    });
    let data = '';
    s.on('data', (d) => (data += d));
    s.on('end', () => resolve(data.includes('OK')));
    s.on('error', () => resolve(false));
  });
}

/** No registry is reachable: the base image is a busybox rootfs imported from a tarball. */
async function ensureBaseImage(root, env) {
  const rootfs = join(root, 'rootfs-busybox');
  mkdirSync(join(rootfs, 'bin'), { recursive: true });
  mkdirSync(join(rootfs, 'etc'), { recursive: true });
  mkdirSync(join(rootfs, 'tmp'), { recursive: true });
  copyFileSync('/bin/busybox', join(rootfs, 'bin', 'busybox'));
  for (const tool of ['sh', 'id', 'ls', 'cat', 'echo', 'mkdir', 'cp', 'rm', 'true', 'sleep', 'chmod', 'touch', 'env', 'dd', 'head', 'seq']) {
    const link = join(rootfs, 'bin', tool);
    if (!existsSync(link)) symlinkSync('busybox', link);
  }
  writeFileSync(join(rootfs, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\ndefault:x:1001:0:default:/tmp:/bin/sh\n');
  writeFileSync(join(rootfs, 'etc', 'group'), 'root:x:0:\n');
  const tar = join(root, 'rootfs-busybox.tar');
  await run('tar', ['-C', rootfs, '-cf', tar, '.']);
  await run('docker', ['import', tar, BASE_IMAGE], { env: { ...process.env, ...env } });
}
