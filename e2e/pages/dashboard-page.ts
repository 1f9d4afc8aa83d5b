import type { Page } from '@playwright/test';

export class DashboardPage {
  constructor(readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { name: 'Dashboard', level: 1 });
  }
  startFirstCertification() {
    return this.page.getByRole('link', { name: 'Start your first certification' });
  }
  projectCards() {
    return this.page.getByTestId('project-card');
  }
}
