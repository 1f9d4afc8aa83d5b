import { expect, test, type Locator, type Page } from '@playwright/test';

/** The Dockerfile page (lint, fixes, starter), located by roles and labels; every action is a test step. */
export class DockerfilePage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { name: 'Dockerfile', level: 1 });
  }

  openForm(): Locator {
    return this.page.getByRole('form', { name: 'Open a Dockerfile' });
  }

  pathField(): Locator {
    return this.openForm().getByRole('textbox', { name: 'Dockerfile path' });
  }

  editor(): Locator {
    return this.page.getByRole('textbox', { name: 'Dockerfile text' });
  }

  /** "1 error, 2 warnings, 0 info": announced politely on every re-lint. */
  summary(): Locator {
    return this.page.getByRole('status').filter({ hasText: /\d+ errors?, \d+ warnings?, \d+ info/ });
  }

  verdict(): Locator {
    return this.page.getByRole('heading', { level: 2, name: /Passes the certification rules|Does not pass yet/ });
  }

  /** The findings of one requirement (the card's list is labelled "<requirement title> findings"). */
  findings(requirementTitle: string): Locator {
    return this.page.getByRole('list', { name: `${requirementTitle} findings` });
  }

  /** The "Go to line N" buttons of one requirement's findings. */
  lineButtons(requirementTitle: string): Locator {
    return this.findings(requirementTitle).getByRole('button', { name: /^Go to line \d+$/ });
  }

  fixButton(title: string): Locator {
    return this.page.getByRole('button', { name: `Fix: ${title}…` });
  }

  fixDialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** The success alert after a write (its title is a heading: "Success alert: Saved …"). */
  notice(): Locator {
    return this.page.getByRole('heading', { name: /Saved .*; the previous version is in .*\.$/ });
  }

  async goToLintTab(): Promise<void> {
    await test.step('switch to the "Check a Dockerfile" tab', async () => {
      await this.page.getByRole('tab', { name: 'Check a Dockerfile' }).click();
    });
  }

  async openByPath(path: string): Promise<void> {
    await test.step(`open ${path} by path`, async () => {
      await this.pathField().fill(path);
      await this.openForm().getByRole('button', { name: 'Open and check' }).click();
      await expect(this.page.getByText(path, { exact: true })).toBeVisible();
    });
  }

  async expectCounts(errors: number, warnings: number, info: number): Promise<void> {
    await test.step(`the summary shows ${errors} error(s), ${warnings} warning(s), ${info} info`, async () => {
      const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
      await expect(this.summary()).toHaveText(`${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${info} info`);
    });
  }

  /** Opens a fix's diff preview; returns the dialog. */
  async previewFix(title: string): Promise<Locator> {
    return test.step(`preview the fix "${title}"`, async () => {
      await this.fixButton(title).click();
      await expect(this.fixDialog()).toBeVisible();
      return this.fixDialog();
    });
  }

  async confirmFixAndSave(): Promise<void> {
    await test.step('confirm: apply and save the file', async () => {
      await this.fixDialog().getByRole('button', { name: 'Apply and save the file' }).click();
      await expect(this.fixDialog()).toBeHidden();
    });
  }

  async appendText(text: string): Promise<void> {
    await test.step(`type at the end of the editor: ${JSON.stringify(text)}`, async () => {
      await this.editor().focus();
      await this.page.keyboard.press('Control+End');
      await this.page.keyboard.type(text);
    });
  }

  async generateStarter(fields: { vendor: string; pluginName: string; maintainer: string; packageName: string }): Promise<void> {
    await test.step('generate a starter Dockerfile with the form', async () => {
      await this.page.getByRole('tab', { name: 'New Dockerfile' }).click();
      const form = this.page.getByRole('form', { name: 'New Dockerfile' });
      await form.getByRole('combobox', { name: 'OpenStack component' }).selectOption('neutron-server');
      await form.getByRole('textbox', { name: 'Vendor' }).fill(fields.vendor);
      await form.getByRole('textbox', { name: 'Plugin name' }).fill(fields.pluginName);
      await form.getByRole('textbox', { name: 'Maintainer' }).fill(fields.maintainer);
      await form.getByRole('textbox', { name: 'Package name' }).fill(fields.packageName);
      await form.getByRole('button', { name: 'Generate Dockerfile' }).click();
      await expect(this.page.getByText('Generated a starter Dockerfile.', { exact: false })).toBeVisible();
    });
  }
}
