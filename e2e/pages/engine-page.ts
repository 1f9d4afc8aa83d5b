import { expect, type Page } from '@playwright/test';

export class EnginePage {
  constructor(readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { name: 'Container engine' });
  }

  version() {
    return this.page.getByTestId('engine-version');
  }

  unreachableAlert() {
    return this.page.getByTestId('engine-unreachable');
  }

  async expectConnected(serverVersion: string): Promise<void> {
    await expect(this.page.getByLabel('Engine connected')).toBeVisible();
    await expect(this.version()).toContainText(serverVersion);
  }

  activeEngine() {
    return this.page.getByTestId('engine-active-host');
  }

  hostRow() {
    return this.page.getByTestId('engine-host-row');
  }

  chooseError() {
    return this.page.getByTestId('engine-choose-error');
  }

  /** Fills the "Choose the engine" form and submits it (ssh:// shows the key-file field). */
  async useEngine(address: string, options: { keyFile?: string } = {}): Promise<void> {
    await this.page.getByLabel('Engine address').fill(address);
    if (options.keyFile !== undefined) await this.page.getByLabel('SSH private key file (optional)').fill(options.keyFile);
    await this.page.getByRole('button', { name: 'Use this engine' }).click();
  }

  async trustHostKeyAndConnect(): Promise<void> {
    await this.chooseError().getByRole('button', { name: 'Trust this host key and connect' }).click();
  }

  async backToAutomatic(): Promise<void> {
    await this.page.getByRole('button', { name: 'Back to automatic' }).click();
  }
}
