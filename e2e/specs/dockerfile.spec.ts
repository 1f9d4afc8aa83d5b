import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures/certdesk-serve';
import { AppShell } from '../pages/app-shell';
import { DockerfilePage } from '../pages/dockerfile-page';

const corpus = join(import.meta.dirname, '../fixtures/dockerfiles');

/** A copy of a corpus Dockerfile (and the LICENSE it copies) in a folder of its own: the test writes to it. */
function copyOfCorpusFile(name: string): { dir: string; dockerfile: string; original: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dockerfile-e2e-'));
  const dockerfile = join(dir, 'Dockerfile');
  copyFileSync(join(corpus, name), dockerfile);
  copyFileSync(join(corpus, 'LICENSE'), join(dir, 'LICENSE'));
  return { dir, dockerfile, original: readFileSync(dockerfile, 'utf8') };
}

async function expectNoSeriousAxeViolations(page: Page, name: string): Promise<void> {
  await test.step(`axe: no serious or critical violations (${name})`, async () => {
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

/** The text selected in the focused field (the editor). Evaluated as a string: e2e code compiles without DOM types. */
async function selectedText(page: Page): Promise<string> {
  return page.evaluate<string>('(() => { const el = document.activeElement; return el.value.slice(el.selectionStart, el.selectionEnd); })()');
}

test.describe('Dockerfile page', () => {
  test('opens a file by path, groups findings, fixes through the diff preview, re-lints edits, generates a starter', async ({ page, app }) => {
    // maintainer-only: the maintainer label is missing (error, line 1) and MAINTAINER is deprecated (warning, line 2).
    const { dockerfile, original } = copyOfCorpusFile('maintainer-only.Dockerfile');
    const shell = new AppShell(page);
    const dockerfilePage = new DockerfilePage(page);

    await test.step('open the Dockerfile page', async () => {
      await shell.open(app.url);
      await shell.goTo('Dockerfile');
      await expect(dockerfilePage.heading()).toBeVisible();
    });

    await dockerfilePage.openByPath(dockerfile);

    await test.step('the findings are grouped by requirement, each with its line', async () => {
      await dockerfilePage.expectCounts(1, 1, 0);
      await expect(dockerfilePage.verdict()).toHaveText('Does not pass yet');
      await expect(dockerfilePage.findings('Required labels')).toContainText('required-label-missing');
      await expect(dockerfilePage.lineButtons('Required labels')).toHaveText(['Line 1']);
      await expect(dockerfilePage.findings('Recommended practices')).toContainText('maintainer-deprecated');
      await expect(dockerfilePage.lineButtons('Recommended practices')).toHaveText(['Line 2']);
      await expect(dockerfilePage.editor()).toHaveValue(original);
      await page.screenshot({ path: test.info().outputPath('dockerfile-findings.png'), fullPage: true });
    });

    await expectNoSeriousAxeViolations(page, 'findings');

    await test.step('keyboard: the open form tabs in reading order', async () => {
      await dockerfilePage.pathField().focus();
      await page.keyboard.press('Tab');
      await expect(dockerfilePage.openForm().getByRole('textbox', { name: /^Build context folder/ })).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(dockerfilePage.openForm().getByRole('button', { name: 'Open and check' })).toBeFocused();
    });

    await test.step('keyboard: a line button selects the line in the editor', async () => {
      await dockerfilePage.lineButtons('Recommended practices').focus();
      await page.keyboard.press('Enter');
      await expect(dockerfilePage.editor()).toBeFocused();
      expect(await selectedText(page)).toBe('MAINTAINER VendorX Engineering <support@vendorx.example>');
    });

    await test.step('keyboard: the fix button follows its line button, opens the preview with focus inside, Escape returns', async () => {
      await dockerfilePage.lineButtons('Recommended practices').focus();
      await page.keyboard.press('Tab');
      await expect(dockerfilePage.fixButton('Replace MAINTAINER with LABEL maintainer')).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(dockerfilePage.fixDialog()).toBeVisible();
      await expect(dockerfilePage.fixDialog().locator(':focus')).toHaveCount(1);
      // Tabbing cycles inside the dialog (focus trap).
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('Tab');
        await expect(dockerfilePage.fixDialog().locator(':focus')).toHaveCount(1);
      }
      await expectNoSeriousAxeViolations(page, 'fix preview');
      await page.keyboard.press('Escape');
      await expect(dockerfilePage.fixDialog()).toBeHidden();
      await expect(dockerfilePage.fixButton('Replace MAINTAINER with LABEL maintainer')).toBeFocused();
      expect(readFileSync(dockerfile, 'utf8')).toBe(original);
    });

    await test.step('the diff preview shows the change; confirming writes the file and keeps a backup', async () => {
      const dialog = await dockerfilePage.previewFix('Replace MAINTAINER with LABEL maintainer');
      const diff = dialog.getByLabel('Changes');
      await expect(diff).toContainText('-    2  MAINTAINER VendorX Engineering <support@vendorx.example>');
      await expect(diff).toContainText('+    2  LABEL maintainer="VendorX Engineering <support@vendorx.example>"');
      await page.screenshot({ path: test.info().outputPath('dockerfile-fix-preview.png') });
      await dockerfilePage.confirmFixAndSave();
      await expect(dockerfilePage.notice()).toContainText(`${dockerfile}.certdesk-backup`);
      const written = readFileSync(dockerfile, 'utf8');
      expect(written).toContain('LABEL maintainer="VendorX Engineering <support@vendorx.example>"');
      expect(written).not.toContain('MAINTAINER ');
      expect(existsSync(`${dockerfile}.certdesk-backup`)).toBe(true);
      expect(readFileSync(`${dockerfile}.certdesk-backup`, 'utf8')).toBe(original);
    });

    await test.step('the re-lint shows fewer errors, and focus lands on the results, not on the page body', async () => {
      await dockerfilePage.expectCounts(0, 0, 0);
      await expect(dockerfilePage.verdict()).toHaveText('Passes the certification rules');
      await expect(dockerfilePage.verdict()).toBeFocused();
      await page.screenshot({ path: test.info().outputPath('dockerfile-fixed.png'), fullPage: true });
    });

    await test.step('editing the text re-lints it', async () => {
      await dockerfilePage.appendText('USER root\n');
      await dockerfilePage.expectCounts(1, 0, 0);
      await expect(dockerfilePage.findings('Non-root user')).toContainText('user-root');
      await expect(page.getByText(`${dockerfile} (edited, not saved)`)).toBeVisible();
      await page.screenshot({ path: test.info().outputPath('dockerfile-edited.png'), fullPage: true });
    });

    await dockerfilePage.generateStarter({ vendor: 'VendorX', pluginName: 'vendorx-ml2', maintainer: 'support@vendorx.example', packageName: 'python3-vendorx-ml2' });

    await test.step('the starter Dockerfile has no errors', async () => {
      await expect(page.getByRole('tab', { name: 'Check a Dockerfile' })).toHaveAttribute('aria-selected', 'true');
      await expect(dockerfilePage.editor()).toHaveValue(/^FROM registry\.redhat\.io\/rhosp-rhel9\/openstack-neutron-server:17\.1$/m);
      await expect(dockerfilePage.summary()).toHaveText(/^0 errors, /);
      await expect(dockerfilePage.verdict()).toHaveText('Passes the certification rules');
      await page.screenshot({ path: test.info().outputPath('dockerfile-starter.png'), fullPage: true });
    });

    await expectNoSeriousAxeViolations(page, 'starter');

    await test.step('the starter form is keyboard-usable and has no serious axe violations', async () => {
      await page.getByRole('tab', { name: 'New Dockerfile' }).click();
      await page.getByRole('tab', { name: 'New Dockerfile' }).focus();
      // Tab goes to the tab panel (focusable, as the ARIA tabs pattern has it), then through the form in order.
      await page.keyboard.press('Tab');
      await expect(page.getByRole('tabpanel', { name: 'New Dockerfile' })).toBeFocused();
      const form = page.getByRole('form', { name: 'New Dockerfile' });
      for (const field of [form.getByRole('combobox', { name: 'OpenStack component' }), form.getByRole('combobox', { name: 'RHOSP version' }), form.getByRole('textbox', { name: 'Vendor' })]) {
        await page.keyboard.press('Tab');
        await expect(field).toBeFocused();
      }
      await expectNoSeriousAxeViolations(page, 'starter form');
    });
  });
});
