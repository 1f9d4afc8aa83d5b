import { expect, type Page } from '@playwright/test';

/** The Build & push page, located by roles and labels. */
export class BuildPushPage {
  constructor(readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { name: 'Build & push', level: 1 });
  }

  activeEngine() {
    return this.page.getByTestId('active-engine');
  }

  terminal() {
    return this.page.getByRole('log', { name: 'Build log' });
  }

  async build(options: { context: string; tag: string; dockerfile?: string; buildArgs?: string }): Promise<void> {
    await this.page.getByLabel('Context folder').fill(options.context);
    if (options.dockerfile) await this.page.getByLabel('Dockerfile', { exact: true }).fill(options.dockerfile);
    await this.page.getByLabel('Image name and tag').fill(options.tag);
    if (options.buildArgs) await this.page.getByLabel('Build arguments (KEY=VALUE, one a line)').fill(options.buildArgs);
    await this.page.getByRole('button', { name: 'Check context' }).click();
    await expect(this.page.getByTestId('context-summary')).toBeVisible();
    await this.page.getByRole('button', { name: 'Build', exact: true }).click();
  }

  async setTarget(t: { endpoint: string; projectId: string; image: string; tag: string }): Promise<void> {
    await this.page.getByLabel('Registry endpoint', { exact: true }).fill(t.endpoint);
    await this.page.getByLabel('Project id (pid)').fill(t.projectId);
    await this.page.getByLabel('Image name', { exact: true }).fill(t.image);
    await this.page.getByLabel('Registry tag', { exact: true }).fill(t.tag);
  }

  async pasteKey(key: string): Promise<void> {
    await this.page.getByLabel('Registry key of this project').fill(key);
  }

  async push(): Promise<void> {
    await this.page.getByRole('button', { name: 'Push', exact: true }).click();
  }

  async pull(form: 'manual' | 'build-service'): Promise<void> {
    await this.page.getByLabel(form === 'manual' ? /Manually pushed image/ : /Built by the build service/).check();
    await this.page.getByRole('button', { name: 'Pull', exact: true }).click();
  }

  async runLocally(command: string): Promise<void> {
    await this.page.getByLabel('Command to run in the pulled image').fill(command);
    await this.page.getByRole('button', { name: 'Run locally' }).click();
  }
}
