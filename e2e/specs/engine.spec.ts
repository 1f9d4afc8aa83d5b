import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Dockerode from 'dockerode';
import { startServe, test, expect, type ServedApp } from '../fixtures/certdesk-serve';
import { AppShell } from '../pages/app-shell';
import { EnginePage } from '../pages/engine-page';
// @ts-expect-error plain JS test-service starter
import { startDockerEngine } from '../services/docker-engine.mjs';

test.describe('Engine view', () => {
  test('shows the real engine, a clear message when it stops, and recovers by itself', async ({ page }) => {
    // A private engine of its own: this test stops it, which must not disturb the others.
    const root = mkdtempSync(join(tmpdir(), 'certdesk-engine-e2e-'));
    let engine = await startDockerEngine(root);
    const host: string = engine.env.DOCKER_HOST;
    const expected = await new Dockerode({ socketPath: host.replace('unix://', '') }).version();
    let app: ServedApp | undefined;
    try {
      app = await startServe({ DOCKER_HOST: host });
      const shell = new AppShell(page);
      const enginePage = new EnginePage(page);

      await test.step('the Engine view shows the engine the app talks to', async () => {
        await shell.open(app!.url);
        await shell.goTo('Engine');
        await expect(enginePage.heading()).toBeVisible();
        await enginePage.expectConnected(expected.Version);
        await expect(page.getByText(host)).toBeVisible();
        await page.screenshot({ path: test.info().outputPath('engine-connected.png') });
      });

      await test.step('stopping the engine shows which sockets were tried and how to start one', async () => {
        await engine.stop();
        await expect(enginePage.unreachableAlert()).toBeVisible({ timeout: 30_000 });
        await expect(enginePage.unreachableAlert()).toContainText(host);
        await expect(enginePage.unreachableAlert()).toContainText('/var/run/docker.sock');
        await expect(enginePage.unreachableAlert()).toContainText('systemctl');
        await page.screenshot({ path: test.info().outputPath('engine-stopped.png') });
      });

      await test.step('starting it again recovers without a reload', async () => {
        engine = await startDockerEngine(root);
        await enginePage.expectConnected(expected.Version);
        await expect(enginePage.unreachableAlert()).toBeHidden();
      });
    } finally {
      await app?.stop();
      await engine.stop();
    }
  });
});
