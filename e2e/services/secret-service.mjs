// A real Secret Service: a private D-Bus session bus with gnome-keyring's secrets component, unlocked.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { daemon, run, stopChild, waitFor } from './service-utils.mjs';

export async function startSecretService(root) {
  const dir = join(root, 'secret-service');
  const home = join(dir, 'home');
  const runtime = join(dir, 'run');
  for (const d of [home, runtime, join(home, '.local', 'share')]) mkdirSync(d, { recursive: true, mode: 0o700 });
  const busAddress = `unix:path=${join(runtime, 'bus')}`;
  // Our own bus config, without service activation: otherwise the first Secret Service call can
  // auto-start a second, locked gnome-keyring that wins the name (a flaky "no login collection").
  const busConfig = join(dir, 'session.conf');
  writeFileSync(
    busConfig,
    [
      '<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">',
      '<busconfig>',
      '  <type>session</type>',
      `  <listen>${busAddress}</listen>`,
      '  <auth>EXTERNAL</auth>',
      '  <policy context="default">',
      '    <allow send_destination="*" eavesdrop="true"/>',
      '    <allow eavesdrop="true"/>',
      '    <allow own="*"/>',
      '  </policy>',
      '</busconfig>',
      '',
    ].join('\n'),
  );
  const bus = daemon('dbus-daemon', [`--config-file=${busConfig}`, '--nofork'], join(dir, 'dbus.log'));
  const env = {
    DBUS_SESSION_BUS_ADDRESS: busAddress,
    XDG_RUNTIME_DIR: runtime,
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    HOME: home,
  };
  const childEnv = { ...process.env, ...env };
  await waitFor('dbus-daemon', async () => {
    await run('dbus-send', ['--session', '--dest=org.freedesktop.DBus', '--type=method_call', '--print-reply', '/org/freedesktop/DBus', 'org.freedesktop.DBus.ListNames'], { env: childEnv });
    return true;
  }, 20_000);
  // --unlock reads the login keyring's password from stdin, creating and unlocking it.
  const keyring = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env: childEnv, stdio: ['pipe', 'ignore', 'ignore'] });
  keyring.stdin.end('certdesk-test-keyring\n');
  await waitFor('gnome-keyring on the bus', async () => {
    const { stdout } = await run('dbus-send', ['--session', '--dest=org.freedesktop.DBus', '--type=method_call', '--print-reply', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets'], { env: childEnv });
    return stdout.includes('boolean true');
  }, 30_000);
  await waitFor('gnome-keyring (Secret Service)', async () => {
    await run('secret-tool', ['store', '--label=certdesk-probe', 'certdesk', 'probe'], { env: childEnv, input: 'probe' });
    const { stdout } = await run('secret-tool', ['lookup', 'certdesk', 'probe'], { env: childEnv });
    return stdout === 'probe';
  }, 30_000);
  await run('secret-tool', ['clear', 'certdesk', 'probe'], { env: childEnv });
  return {
    env: { ...env, CERTDESK_TEST_SECRET_SERVICE: '1' },
    async stop() {
      await stopChild(keyring);
      await stopChild(bus);
    },
  };
}
