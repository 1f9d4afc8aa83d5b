import { expect, type Page } from '@playwright/test';

export class ChecklistPage {
  constructor(readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { name: 'Certification checklist', level: 1 });
  }
  item(id: string) {
    return this.page.getByTestId(`checklist-${id}`);
  }
  async markDone(title: string): Promise<void> {
    await this.page.getByRole('button', { name: `Mark “${title}” done` }).click();
  }
  async redHatApproved(): Promise<void> {
    await this.item('distribution-approval').getByRole('button', { name: /done/ }).click();
  }
  async addCollateral(title: string, type: string, uploaded: boolean): Promise<void> {
    await this.page.getByLabel('Collateral title').fill(title);
    await this.page.getByLabel('Collateral type').selectOption(type);
    await this.page.getByLabel('Already uploaded to the portal').setChecked(uploaded);
    await this.page.getByRole('button', { name: 'Add collateral' }).click();
    await expect(this.page.getByRole('list', { name: 'Collateral' })).toContainText(title);
  }
  /** The partner's own items, three collateral (one a document) and Red Hat's approval: what only a person can tick. */
  async completePartnerSteps(): Promise<void> {
    for (const title of ['Update your company profile', 'Update your product profile', 'Accept the OpenStack Appendix', 'Update your project profile', 'Provide sales contact information']) {
      await this.markDone(title);
      await expect(this.page.getByRole('button', { name: `Mark “${title}” done` })).toHaveCount(0);
    }
    await this.addCollateral('Installation guide', 'document', true);
    await this.addCollateral('Datasheet', 'datasheet', true);
    await this.addCollateral('Demo video', 'video', true);
    await expect(this.item('documentation-marketing').getByTestId('item-status')).toHaveText('Done');
    await expect(this.item('registry-namespace').getByTestId('item-status')).toHaveText('Done');
    await this.redHatApproved();
    await expect(this.item('distribution-approval').getByTestId('item-status')).toHaveText('Done');
  }
  async expectDone(count: number): Promise<void> {
    await expect(this.page.getByRole('heading', { level: 2 }).first()).toContainText(`${count} of 10 done`);
  }
}
