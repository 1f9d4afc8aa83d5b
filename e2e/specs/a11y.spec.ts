import AxeBuilder from '@axe-core/playwright';
import { test, expect } from '../fixtures/certdesk-serve';
import { AppShell } from '../pages/app-shell';

/** Every page of the app, empty profile: no serious or critical axe violations. */
const PAGES = ['Dashboard', 'First certification', 'Checklist', 'Dockerfile', 'Build & push', 'Scan', 'Keys', 'Engine', 'Help'];

test.describe('Accessibility', () => {
  for (const label of PAGES) {
    test(`${label} has no serious or critical violations`, async ({ page, app }) => {
      const shell = new AppShell(page);
      await shell.open(app.url);
      await shell.goTo(label);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      await page.screenshot({ path: test.info().outputPath(`a11y-${label.replace(/\W+/g, '-')}.png`), fullPage: true });
      expect(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    });
  }
});
