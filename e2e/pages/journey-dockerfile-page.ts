import { expect, test, type Locator, type Page } from '@playwright/test';

/** The Dockerfile page as the journey drives it: open by path, apply fixes with their buttons, save edits. */
export class JourneyDockerfilePage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { name: 'Dockerfile', level: 1 });
  }

  editor(): Locator {
    return this.page.getByRole('textbox', { name: 'Dockerfile text' });
  }

  summary(): Locator {
    return this.page.getByTestId('lint-summary');
  }

  verdict(): Locator {
    return this.page.getByRole('heading', { level: 2, name: /Passes the certification rules|Does not pass yet/ });
  }

  fixButtons(): Locator {
    return this.page.getByRole('button', { name: /^Fix: / });
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async open(path: string): Promise<void> {
    await test.step(`open ${path}`, async () => {
      const form = this.page.getByRole('form', { name: 'Open a Dockerfile' });
      await form.getByRole('textbox', { name: 'Dockerfile path' }).fill(path);
      await form.getByRole('button', { name: 'Open and check' }).click();
      await expect(this.page.getByText(path, { exact: true })).toBeVisible();
    });
  }

  /** Applies one fix through its diff preview and saves the file; waits until its button is gone. */
  async applyFix(title: RegExp): Promise<void> {
    await test.step(`apply the fix ${title}`, async () => {
      const button = this.page.getByRole('button', { name: title });
      await button.click();
      await expect(this.dialog()).toBeVisible();
      await this.dialog().getByRole('button', { name: 'Apply and save the file' }).click();
      await expect(this.dialog()).toBeHidden();
      await expect(button).toHaveCount(0);
    });
  }

  /** Replaces the editor's text and saves it through the save preview. */
  async replaceAndSave(text: string): Promise<void> {
    await test.step('edit the text and save it', async () => {
      await this.editor().fill(text);
      await this.page.getByRole('button', { name: 'Save changes…' }).click();
      await expect(this.dialog()).toBeVisible();
      await this.dialog().getByRole('button', { name: 'Apply and save the file' }).click();
      await expect(this.dialog()).toBeHidden();
      await expect(this.page.getByText(/\(edited, not saved\)$/)).toHaveCount(0);
    });
  }
}
