import { expect, type Page } from '@playwright/test';

/** The first-certification wizard, located by role and label. */
export class WizardPage {
  constructor(readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { name: 'First certification', level: 1 });
  }
  stepHeading() {
    return this.page.locator('#step-title');
  }
  stepStatus() {
    return this.page.getByTestId('wizard-step').getByTestId('step-status');
  }
  async expectStep(number: number, title: string): Promise<void> {
    await expect(this.stepHeading()).toHaveText(new RegExp(`^Step ${number} of 15: ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  }
  async next(): Promise<void> {
    await this.page.getByRole('button', { name: 'Next step' }).click();
  }
  async markDone(): Promise<void> {
    await this.page.getByRole('button', { name: 'Mark this step done' }).click();
    await expect(this.stepStatus()).toContainText('Done');
  }
  async fill(label: string, value: string): Promise<void> {
    await this.page.getByRole('textbox', { name: label, exact: true }).fill(value);
  }
  async click(name: string): Promise<void> {
    await this.page.getByRole('button', { name, exact: true }).click();
  }
  progress() {
    return this.page.getByRole('progressbar', { name: 'Whole journey' });
  }
}
