import { expect, test, type Locator, type Page } from '@playwright/test';

/** What the journey needs on Build & push beyond the shared BuildPushPage: the source field and result readouts. */
export class JourneyBuildPage {
  constructor(readonly page: Page) {}

  pushSource(): Locator {
    return this.page.getByRole('textbox', { name: 'Local image to push' });
  }

  async setPushSource(reference: string): Promise<void> {
    await test.step(`push source ${reference}`, async () => {
      await this.pushSource().fill(reference);
      await expect(this.pushSource()).toHaveValue(reference);
    });
  }

  async storeKey(): Promise<void> {
    await test.step('test and store the key', async () => {
      await this.page.getByRole('button', { name: 'Test and store key' }).click();
      await expect(this.page.getByTestId('login-result')).toContainText('stored in the keychain');
      await expect(this.page.getByLabel('Registry key of this project')).toHaveValue('');
    });
  }
}
