import { appendFileSync } from 'node:fs';
import { test, expect } from '../fixtures/certdesk-serve';
import { AppShell } from '../pages/app-shell';
import { KeysPage } from '../pages/keys-page';

const ready = !!process.env.CERTDESK_TEST_GIT_URL && process.env.CERTDESK_TEST_SECRET_SERVICE === '1';

test.describe('Keys view', () => {
  test.skip(!ready, 'needs the sshd and Secret Service from e2e/services/with-services.mjs');

  test('generates a deploy key, shows its public line, and checks the repository with it', async ({ page, app }) => {
    const shell = new AppShell(page);
    const keys = new KeysPage(page);
    let publicKey = '';

    await test.step('the page says where secrets are kept', async () => {
      await shell.open(app.url);
      await shell.goTo('Keys');
      await expect(keys.heading()).toBeVisible();
      await expect(keys.keychainAvailable()).toBeVisible();
    });

    await test.step('generating a key shows the public line and its fingerprint', async () => {
      await keys.generateKey('acme-ui', 3072);
      publicKey = await keys.publicKeyOf('acme-ui');
      expect(publicKey).toMatch(/^ssh-rsa AAAA[A-Za-z0-9+/=]+ certdesk-acme-ui$/);
      await expect(keys.deployKey('acme-ui').getByTestId('key-fingerprint')).toHaveText(/^SHA256:[A-Za-z0-9+/]{43}$/);
      await expect(keys.secretsTable()).toContainText('deploy-key:acme-ui-');
      await page.screenshot({ path: test.info().outputPath('keys-generated.png') });
    });

    await test.step('the repository check logs in with the key and reads the branches', async () => {
      appendFileSync(process.env.CERTDESK_TEST_SSH_AUTHORIZED_KEYS as string, `${publicKey}\n`);
      await keys.checkRepo(process.env.CERTDESK_TEST_GIT_URL as string, { acceptNewHostKey: true });
      await expect(keys.repoResult()).toContainText('key works, 2 branches, default branch main');
      await expect(keys.repoResult()).toContainText(process.env.CERTDESK_TEST_SSH_HOST_FINGERPRINT as string);
      await page.screenshot({ path: test.info().outputPath('keys-repo-checked.png') });
    });

    await test.step('the pinned host key is listed and can be forgotten after confirming', async () => {
      const port = process.env.CERTDESK_TEST_SSH_PORT as string;
      const hosts = page.getByLabel('Known hosts', { exact: true });
      await expect(hosts).toContainText(port);
      const forget = hosts.getByRole('button', { name: /^Forget / });
      await forget.first().click();
      const dialog = page.getByRole('dialog', { name: 'Forget this host key?' });
      await expect(dialog).toContainText(process.env.CERTDESK_TEST_SSH_HOST_FINGERPRINT as string);
      await dialog.getByRole('button', { name: 'Forget', exact: true }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByText(port)).toHaveCount(0);
    });

    await test.step('the page never received the private key', async () => {
      const html = await page.content();
      expect(html.includes('PRIVATE KEY-----\nMII')).toBe(false);
    });
  });
});
