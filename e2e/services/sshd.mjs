// An OpenSSH server on a loopback port serving a bare git repository (the partner's private plugin repo).
import { mkdirSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { daemon, freePort, run, stopChild, waitFor } from './service-utils.mjs';

export async function makePluginRepo(root) {
  const work = join(root, 'git-work');
  const bare = join(root, 'git', 'plugin.git');
  if (existsSync(bare)) return bare;
  mkdirSync(work, { recursive: true });
  const git = (args, cwd = work) => run('git', ['-c', 'user.name=CertDesk Test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd });
  await git(['init', '-q']);
  writeFileSync(join(work, 'Dockerfile'), 'FROM registry.redhat.io/rhosp13/openstack-neutron-server:13.0\nUSER neutron\n');
  writeFileSync(join(work, 'LICENSE'), 'Apache License 2.0\n');
  await git(['add', '.']);
  await git(['commit', '-q', '-m', 'plugin']);
  await git(['branch', 'release-1.0']);
  mkdirSync(join(root, 'git'), { recursive: true });
  await run('git', ['clone', '-q', '--bare', work, bare]);
  return bare;
}

/**
 * Starts sshd. `options.hostKeyDir` lets a test restart it with other host keys ("host key changed");
 * `options.extraConfig` adds sshd_config lines (e.g. `SetEnv DOCKER_HOST=unix://…` for a remote engine).
 */
export async function startSshd(root, options = {}) {
  const dir = join(root, options.name ?? 'sshd');
  mkdirSync(dir, { recursive: true });
  mkdirSync('/run/sshd', { recursive: true });
  const keyDir = options.hostKeyDir ?? join(dir, 'hostkeys');
  mkdirSync(keyDir, { recursive: true });
  for (const type of ['ed25519', 'rsa']) {
    const file = join(keyDir, `ssh_host_${type}_key`);
    if (!existsSync(file)) await run('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', file]);
  }
  const port = options.port ?? (await freePort());
  const authorizedKeys = join(dir, 'authorized_keys');
  if (!existsSync(authorizedKeys)) writeFileSync(authorizedKeys, '', { mode: 0o600 });
  const user = userInfo().username;
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(keyDir, 'ssh_host_ed25519_key')}`,
      `HostKey ${join(keyDir, 'ssh_host_rsa_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${authorizedKeys}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'PermitRootLogin prohibit-password',
      `AllowUsers ${user}`,
      'LogLevel VERBOSE',
      ...(options.extraConfig ?? []),
      '',
    ].join('\n'),
  );
  const repo = await makePluginRepo(root);
  const child = daemon('/usr/sbin/sshd', ['-D', '-e', '-f', config], join(dir, 'sshd.log'));
  await waitFor('sshd', () => banner(port), 30_000);
  const { stdout: fingerprint } = await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(keyDir, 'ssh_host_ed25519_key.pub')]);
  return {
    port,
    user,
    repo,
    authorizedKeys,
    env: {
      CERTDESK_TEST_SSH_PORT: String(port),
      CERTDESK_TEST_SSH_USER: user,
      CERTDESK_TEST_SSH_AUTHORIZED_KEYS: authorizedKeys,
      CERTDESK_TEST_GIT_REPO_PATH: repo,
      CERTDESK_TEST_GIT_URL: `ssh://${user}@127.0.0.1:${port}${repo}`,
      CERTDESK_TEST_SSH_HOST_FINGERPRINT: fingerprint.split(' ')[1] ?? '',
    },
    async stop() {
      await stopChild(child);
    },
    resetHostKeys() {
      rmSync(keyDir, { recursive: true, force: true });
    },
  };
}

function banner(port) {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('data', (d) => {
      s.destroy();
      resolve(String(d).startsWith('SSH-'));
    });
    s.on('error', () => resolve(false));
  });
}
