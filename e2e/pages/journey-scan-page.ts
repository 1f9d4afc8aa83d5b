import { expect, test, type Locator, type Page } from '@playwright/test';

/** The Scan page: security data import, a scan of an engine image, each assessment's mark. */
export class JourneyScanPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { name: 'Pre-certification scan', level: 1 });
  }

  vulnsStatus(): Locator {
    return this.page.getByTestId('vulns-status');
  }

  summary(): Locator {
    return this.page.getByTestId('scan-summary');
  }

  assessment(name: string, mark: 'passed' | 'failed' | 'not evaluated'): Locator {
    return this.page.getByLabel(`${name} ${mark}`, { exact: true });
  }

  async importSecurityData(path: string): Promise<void> {
    await test.step(`import security data from ${path}`, async () => {
      const section = this.page.getByRole('region', { name: 'Security data' });
      await section.getByRole('textbox', { name: 'Security data path' }).fill(path);
      await section.getByRole('button', { name: 'Import' }).click();
      await expect(this.vulnsStatus()).toContainText(/\d+ records for \d+ packages/, { timeout: 60_000 });
    });
  }

  async scanEngineImage(reference: string): Promise<void> {
    await test.step(`scan ${reference}`, async () => {
      await this.page.getByRole('radio', { name: 'Image in the engine' }).check();
      await this.page.getByRole('textbox', { name: 'Image reference' }).fill(reference);
      await this.page.getByRole('button', { name: 'Scan', exact: true }).click();
      await expect(this.summary()).toBeVisible({ timeout: 90_000 });
    });
  }

  /** Expands an assessment's row (passed rows start folded) so its evidence list shows. */
  async openEvidence(name: string): Promise<void> {
    const evidence = this.page.getByLabel(`Evidence for ${name}`, { exact: true });
    if (!(await evidence.isVisible())) await this.page.getByTestId(`check-${name}`).getByRole('button').first().click();
    await expect(evidence).toBeVisible();
  }
}
