import { expect, type Locator, type Page } from '@playwright/test';

/** The Keys page, located by roles and labels only. */
export class KeysPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { name: 'Keys and secrets' });
  }

  keychainAvailable(): Locator {
    return this.page.getByLabel('Keychain available');
  }

  async generateKey(project: string, bits: 4096 | 3072 = 4096): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Generate a deploy key' });
    await form.getByLabel('Project').fill(project);
    await form.getByLabel('Key size').selectOption(String(bits));
    await form.getByRole('button', { name: 'Generate deploy key' }).click();
  }

  deployKey(project: string): Locator {
    // The public line sits in an input's value (not text), so the card is found by its heading.
    return this.page.getByTestId('deploy-key').filter({ has: this.page.getByRole('heading', { name: new RegExp(`^Deploy key ${project}-[0-9a-f]{6}$`) }) });
  }

  async publicKeyOf(project: string): Promise<string> {
    const field = this.deployKey(project).getByLabel('Public key');
    await expect(field).toHaveValue(/^ssh-rsa AAAA/);
    return field.inputValue();
  }

  async checkRepo(url: string, options: { acceptNewHostKey: boolean }): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Check the repository' });
    await form.getByLabel('Repository URL').fill(url);
    if (options.acceptNewHostKey) await form.getByLabel(/Accept a new host key/).check();
    await form.getByRole('button', { name: 'Check repository' }).click();
  }

  repoResult(): Locator {
    return this.page.getByTestId('repo-check-result');
  }

  secretsTable(): Locator {
    return this.page.getByRole('grid', { name: 'Stored secrets' }).or(this.page.getByRole('table', { name: 'Stored secrets' }));
  }
}
