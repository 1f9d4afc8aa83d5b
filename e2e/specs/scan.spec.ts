import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../fixtures/certdesk-serve';
import { AppShell } from '../pages/app-shell';
import { buildImage, LABELS_DOCKERFILE } from '../fixtures/images/build-test-images';

test.describe('Scan view', () => {
  test('scans an engine image, shows failures with evidence, exports the report', async ({ page, app }) => {
    const base = process.env.CERTDESK_TEST_BASE_IMAGE ?? 'certdesk-test/busybox:1';
    await buildImage('scan-e2e:1.0-1', `FROM ${base}\n${LABELS_DOCKERFILE}\nLABEL RUN="docker run --privileged IMAGE"\nUSER 0\n`);
    const shell = new AppShell(page);
    await test.step('run a scan', async () => {
      await shell.open(app.url);
      await shell.goTo('Scan');
      await expect(page.getByRole('heading', { name: 'Pre-certification scan' })).toBeVisible();
      await page.getByLabel('Image reference').fill('scan-e2e:1.0-1');
      await page.getByRole('button', { name: 'Scan', exact: true }).click();
      await expect(page.getByTestId('scan-summary')).toBeVisible({ timeout: 60_000 });
    });
    await test.step('the result table marks each assessment, failures open with evidence', async () => {
      await expect(page.getByLabel('name_label_exists passed')).toBeVisible();
      await expect(page.getByLabel('not_running_as_root failed')).toBeVisible();
      await expect(page.getByLabel('has_licenses failed')).toBeVisible();
      await expect(page.getByLabel('free_of_critical_vulnerabilities not evaluated')).toBeVisible();
      await expect(page.getByLabel('Evidence for not_running_privileged')).toContainText('--privileged');
      await page.screenshot({ path: test.info().outputPath('scan-results.png') });
    });
    await test.step('export as HTML', async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'scan-export-')), 'report.html');
      await page.getByLabel('Export path').fill(out);
      await page.getByRole('button', { name: 'Export' }).click();
      await expect(page.getByTestId('export-result')).toContainText('Written');
      expect(readFileSync(out, 'utf8')).toContain('not_running_as_root');
    });
    await test.step('the scan is in the history', async () => {
      await expect(page.getByLabel('Scan history')).toContainText('scan-e2e:1.0-1');
    });
  });
});
