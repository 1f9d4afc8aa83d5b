import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from '../fixtures/certdesk-serve';
import { AppShell } from '../pages/app-shell';
import { BuildPushPage } from '../pages/build-page';

const REGISTRY = process.env.CERTDESK_TEST_REGISTRY as string;
const KEY = process.env.CERTDESK_TEST_REGISTRY_KEY as string;
const BASE = process.env.CERTDESK_TEST_BASE_IMAGE as string;
const PID = 'p00112233445566778899aabbccddeeff';

test.describe('Build & push', () => {
  test('builds with a live terminal, logs in with a pasted key, pushes with progress, pulls and runs locally', async ({ app, page }) => {
    const context = mkdtempSync(join(tmpdir(), 'e2e-ctx-'));
    writeFileSync(
      join(context, 'Dockerfile'),
      `FROM ${BASE}\nLABEL version="2.0" release="1"\nARG GREETING\nRUN for i in $(seq 1 200); do echo "log line $i"; done\nRUN echo "$GREETING" > /greeting && dd if=/dev/urandom of=/payload bs=1048576 count=20\n`,
    );
    const shell = new AppShell(page);
    const build = new BuildPushPage(page);
    await shell.open(app.url);
    await shell.goTo('Build & push');
    await expect(build.heading()).toBeVisible();
    await expect(build.activeEngine()).toContainText(process.env.DOCKER_HOST as string);

    await test.step('an invalid tag is refused before anything runs', async () => {
      await page.getByLabel('Image name and tag').fill('e2e-plugin:.bad');
      await expect(page.getByText('A tag must not start with "." or "-".')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Build', exact: true })).toBeDisabled();
    });

    await test.step('build streams into the terminal with a step counter', async () => {
      await build.build({ context, tag: 'e2e-plugin:2.0-1', buildArgs: 'GREETING=hello-e2e' });
      await expect(page.getByTestId('build-result')).toBeVisible({ timeout: 120_000 });
      await expect(page.getByRole('button', { name: 'Cancel build' })).toBeDisabled();
      await expect(page.getByTestId('build-step')).toContainText('Step 5/5');
      await expect(build.terminal()).toContainText('Successfully built');
      await page.screenshot({ path: test.info().outputPath('build-done.png'), fullPage: true });
      await expect(page.getByRole('list', { name: 'Past build logs' })).toContainText('e2e-plugin:2.0-1');
    });

    await test.step('the read-only log lets Tab move on (no keyboard trap)', async () => {
      await build.terminal().locator('textarea').first().focus();
      await page.keyboard.press('Tab');
      await expect(build.terminal().locator(':focus')).toHaveCount(0);
      await expect(page.locator(':focus')).toHaveCount(1);
    });

    await test.step('leaving the page mid-build keeps its live log and its Cancel button', async () => {
      const slow = mkdtempSync(join(tmpdir(), 'e2e-slow-'));
      writeFileSync(join(slow, 'Dockerfile'), `FROM ${BASE}\nRUN echo slow-build-started && sleep 120\n`);
      await build.build({ context: slow, tag: 'e2e-slow:1.0-1' });
      await expect(build.terminal()).toContainText('slow-build-started', { timeout: 60_000 });
      await shell.goTo('Engine');
      await shell.goTo('Build & push');
      await expect(build.terminal()).toContainText('slow-build-started');
      // Its log is listed at once, but opening another log waits until it ends.
      await expect(page.getByRole('button', { name: /Open log of e2e-slow:1.0-1 .*\(running\)/ })).toBeDisabled();
      await page.getByRole('button', { name: 'Cancel build' }).click();
      await expect(page.getByTestId('build-error')).toContainText('Build cancelled', { timeout: 30_000 });
    });

    await test.step('a pasted key is cleaned, tested and stored', async () => {
      await build.setTarget({ endpoint: REGISTRY, projectId: PID, image: 'e2e-plugin', tag: '2.0-1' });
      await expect(page.getByTestId('push-reference')).toHaveText(`${REGISTRY}/${PID}/e2e-plugin:2.0-1`);
      await build.pasteKey('not-the-key');
      await page.getByRole('button', { name: 'Test login' }).click();
      await expect(page.getByTestId('login-error')).toContainText('registry key of project');
      await build.pasteKey(` ${KEY}\u200b `);
      await expect(page.getByTestId('key-cleaning-preview')).toContainText('zero-width');
      await page.getByRole('button', { name: 'Test and store key' }).click();
      await expect(page.getByTestId('login-result')).toContainText('stored in the keychain');
      await expect(page.locator('body')).not.toContainText(KEY);
    });

    await test.step('push shows per-layer bars and an overall bar, then the digest', async () => {
      await expect(page.getByLabel('Local image to push')).toHaveValue('e2e-plugin:2.0-1');
      await build.push();
      await expect(page.getByTestId('push-result')).toBeVisible({ timeout: 120_000 });
      // No spinner outlives the operation.
      await expect(page.getByRole('button', { name: 'Cancel push' })).toBeDisabled();
      await expect(page.getByRole('progressbar', { name: 'Push progress' })).toBeVisible();
      await expect(page.getByRole('group', { name: 'Push progress: layers' }).getByRole('progressbar').first()).toBeVisible();
      await page.screenshot({ path: test.info().outputPath('push-done.png'), fullPage: true });
    });

    const digest = (await page.getByTestId('push-digest').textContent()) ?? '';
    expect(digest).toMatch(/^sha256:/);

    await test.step('pull (manual form) gives the same digest, and the image runs locally', async () => {
      await build.pull('manual');
      await expect(page.getByTestId('pull-result')).toBeVisible({ timeout: 120_000 });
      await expect(page.getByTestId('pull-digest')).toHaveText(digest);
      await build.runLocally('sh -c "cat /greeting; echo run-done"');
      await expect(page.getByTestId('run-output')).toHaveText(/hello-e2e\s+run-done/);
      await expect(page.getByTestId('run-result')).toContainText('Exit code 0');
    });

    await test.step('the build-service form names partner-build-service and says what to do when it is missing', async () => {
      await build.pull('build-service');
      await expect(page.getByTestId('pull-reference')).toHaveText(`${REGISTRY}/${PID}/partner-build-service:2.0-1`);
      await expect(page.getByTestId('pull-error')).toContainText('partner-build-service');
    });

    await test.step('the wrong endpoint of FAQ 8 is explained and push is held back', async () => {
      await page.getByLabel('Registry endpoint').fill('registry.rhc4tp.openshift.com');
      await expect(page.getByText(/never show up on the project page/)).toBeVisible();
      await expect(page.getByRole('button', { name: 'Push', exact: true })).toBeDisabled();
    });

    await test.step('past build logs stay readable after leaving the page', async () => {
      await shell.goTo('Engine');
      await shell.goTo('Build & push');
      await page.getByRole('button', { name: /Open log of e2e-plugin:2.0-1/ }).first().click();
      await expect(page.getByText(/Showing past log/)).toBeVisible();
      await expect(build.terminal()).toContainText('Successfully tagged e2e-plugin:2.0-1');
    });

    await test.step('no serious accessibility violations', async () => {
      const results = await new AxeBuilder({ page }).include('main').disableRules(['color-contrast']).analyze();
      const serious = results.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  });
});
