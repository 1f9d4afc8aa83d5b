import { expect, type Page } from '@playwright/test';

export class EnginePage {
  constructor(readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { name: 'Container engine' });
  }

  version() {
    return this.page.getByTestId('engine-version');
  }

  unreachableAlert() {
    return this.page.getByTestId('engine-unreachable');
  }

  async expectConnected(serverVersion: string): Promise<void> {
    await expect(this.page.getByLabel('Engine connected')).toBeVisible();
    await expect(this.version()).toContainText(serverVersion);
  }
}
