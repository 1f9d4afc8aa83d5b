import { test, type Page } from '@playwright/test';

/** The status report on the Help page: the browser download, saved where the test says. */
export class JourneyReport {
  constructor(readonly page: Page) {}

  async download(format: 'Markdown' | 'HTML', saveAs: string): Promise<string> {
    return test.step(`download the ${format} status report`, async () => {
      const downloading = this.page.waitForEvent('download');
      await this.page.getByRole('button', { name: `Download ${format} report` }).click();
      const download = await downloading;
      await download.saveAs(saveAs);
      return download.suggestedFilename();
    });
  }
}
