import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';
import { startServe, test, expect, type ServedApp } from '../fixtures/certdesk-serve';
import { AppShell } from '../pages/app-shell';
import { EnginePage } from '../pages/engine-page';
// @ts-expect-error plain JS test-service starter
import { startSshd } from '../services/sshd.mjs';

const run = promisify(execFile);
const env = process.env;

test.describe('Engine view: a remote engine over ssh://', () => {
  test.skip(env.CERTDESK_TEST_SECRET_SERVICE !== '1' || !env.DOCKER_HOST, 'needs the test services (with-services.mjs)');

  test('sets an ssh:// engine, trusts its host key explicitly, shows it connected, and goes back to automatic', async ({ page }) => {
    const root = mkdtempSync(join(env.CERTDESK_TEST_ROOT ?? tmpdir(), 'engine-ssh-e2e-'));
    // The build host: an sshd whose sessions reach the private test engine through `docker system dial-stdio`.
    const sshd = await startSshd(root, { name: 'sshd-engine-ui', extraConfig: [`SetEnv DOCKER_HOST=${env.DOCKER_HOST}`] });
    const keyFile = join(root, 'id_ed25519');
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'certdesk-engine-ui', '-f', keyFile]);
    appendFileSync(sshd.authorizedKeys, readFileSync(`${keyFile}.pub`, 'utf8'));
    const host = `ssh://${sshd.user}@127.0.0.1:${sshd.port}`;
    const expected = await new Dockerode({ socketPath: (env.DOCKER_HOST as string).replace('unix://', '') }).version();
    let app: ServedApp | undefined;
    try {
      app = await startServe({});
      const shell = new AppShell(page);
      const enginePage = new EnginePage(page);

      await test.step('automatic discovery finds DOCKER_HOST', async () => {
        await shell.open(app!.url);
        await shell.goTo('Engine');
        await enginePage.expectConnected(expected.Version);
        await expect(enginePage.activeEngine()).toHaveText('Found automatically');
        await expect(enginePage.hostRow()).toContainText(env.DOCKER_HOST as string);
      });

      await test.step('an unknown host key is shown with its fingerprint, not trusted silently', async () => {
        await enginePage.useEngine(host, { keyFile });
        await expect(enginePage.chooseError()).toContainText(sshd.env.CERTDESK_TEST_SSH_HOST_FINGERPRINT);
        await expect(enginePage.hostRow()).toContainText(env.DOCKER_HOST as string);
        await page.screenshot({ path: test.info().outputPath('engine-ssh-host-key.png') });
      });

      await test.step('trusting it connects to the engine over ssh://', async () => {
        await enginePage.trustHostKeyAndConnect();
        await expect(enginePage.hostRow()).toContainText(`${host} (chosen in CertDesk)`);
        await enginePage.expectConnected(expected.Version);
        await expect(enginePage.activeEngine()).toHaveText('Chosen in CertDesk');
        await expect(enginePage.chooseError()).toBeHidden();
        await page.screenshot({ path: test.info().outputPath('engine-ssh-connected.png') });
      });

      await test.step('back to automatic returns to DOCKER_HOST', async () => {
        await enginePage.backToAutomatic();
        await expect(enginePage.hostRow()).toContainText(`${env.DOCKER_HOST} (DOCKER_HOST)`);
        await expect(enginePage.activeEngine()).toHaveText('Found automatically');
      });
    } finally {
      await app?.stop();
      await sshd.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
