import type { Page } from '@playwright/test';

/** The navigation every page shares: located by role and accessible name. */
export class AppShell {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
  }

  async goTo(label: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
  }
}
