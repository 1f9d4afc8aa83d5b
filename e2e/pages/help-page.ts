import type { Page } from '@playwright/test';

export class HelpPage {
  constructor(readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { name: 'Help', level: 1 });
  }
  async searchFaq(text: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Search the FAQ' }).fill(text);
  }
  faqEntries() {
    return this.page.getByTestId('faq-entry');
  }
  supportCase() {
    return this.page.getByTestId('support-case');
  }
}
