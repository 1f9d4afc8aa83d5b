import { spawnSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe, test, expect, type ServedApp } from '../fixtures/certdesk-serve';
import { AppShell } from '../pages/app-shell';
import { ChecklistPage } from '../pages/checklist-page';
import { DashboardPage } from '../pages/dashboard-page';
import { WizardPage } from '../pages/wizard-page';

/**
 * Records evidence through the real EvidenceRecorder (services.evidence) from a second process on
 * the same data folder, as the lint, scan and push capabilities do. The lint command records no
 * evidence yet and a passing scan needs a certifiable Red Hat image the test engine can't pull;
 * this goes through the same recorder, file, lock and derivations.
 */
function recordEvidence(dataDir: string, projectName: string): void {
  const script = join(mkdtempSync(join(tmpdir(), 'certdesk-evidence-')), 'record.mts');
  const root = process.cwd();
  writeFileSync(
    script,
    `import { createServices } from '${root}/electron/main/services/create-services.ts';
const s = createServices({ dataDir: ${JSON.stringify(dataDir)}, env: {} });
const at = new Date().toISOString();
const p = ${JSON.stringify(projectName)};
await s.evidence.record({ projectId: p, kind: 'lint', subject: 'Dockerfile', passed: true, at, summary: '0 errors' });
await s.evidence.record({ projectId: p, kind: 'build', subject: 'localhost/acme-plugin:1.0-1', passed: true, at, tag: '1.0-1' });
await s.evidence.record({ projectId: p, kind: 'scan', subject: 'localhost/acme-plugin:1.0-1', passed: true, at, tag: '1.0-1', data: { grade: 'A' } });
await s.evidence.record({ projectId: p, kind: 'push', subject: 'scan.connect.redhat.com/p1234/acme-plugin:1.0-1', passed: true, at, tag: '1.0-1', digest: 'sha256:' + 'a'.repeat(64) });
s.dispose();
`,
  );
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`recording evidence failed: ${result.stderr}`);
}

test.describe('First certification wizard', () => {
  test('a new user goes from an empty profile to a complete checklist, resuming after a restart', async ({ page }) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'certdesk-wizard-e2e-'));
    let app: ServedApp = await startServe({ CERTDESK_HOME: dataDir });
    const shell = new AppShell(page);
    const wizard = new WizardPage(page);
    const dashboard = new DashboardPage(page);
    const checklist = new ChecklistPage(page);
    const shot = (name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
    try {
      await test.step('an empty profile opens on the dashboard with a call to action', async () => {
        await shell.open(app.url);
        await expect(dashboard.heading()).toBeVisible();
        await shot('00-dashboard-empty');
        await dashboard.startFirstCertification().click();
        await expect(wizard.heading()).toBeVisible();
        await wizard.expectStep(1, 'Register and accept the partner agreement');
      });

      await test.step('1 register', async () => {
        await wizard.fill('Company name', 'Acme Networks');
        await wizard.click('Save company');
        await wizard.markDone();
        await shot('01-register');
        await wizard.next();
      });
      await test.step('2 zone access', async () => {
        await wizard.expectStep(2, 'Request OpenStack & NFV zone access');
        await expect(page.getByRole('link', { name: /Red Hat Connect/ }).first()).toHaveAttribute('href', /^https:\/\/connect\.redhat\.com\//);
        await wizard.markDone();
        await shot('02-zone-access');
        await wizard.next();
      });
      await test.step('3 product', async () => {
        await wizard.fill('Product name', 'Acme_demo_Openstack_plugin');
        await wizard.fill('Product versions (one per line)', 'RHOSP 13 network plugin version 1.x');
        await wizard.click('Add product');
        await expect(wizard.stepStatus()).toContainText('Done');
        await shot('03-product');
        await wizard.next();
      });
      await test.step('4 users: keyboard only', async () => {
        await wizard.expectStep(4, 'Users and Org Admin rights');
        await wizard.stepHeading().focus();
        const focusOn = async (name: string) => {
          for (let i = 0; i < 40; i++) {
            await page.keyboard.press('Tab');
            const label = await page.locator(':focus').textContent();
            if (label?.trim() === name) return;
          }
          throw new Error(`keyboard never reached “${name}”`);
        };
        await focusOn('Mark this step done');
        await page.keyboard.press('Enter');
        await expect(wizard.stepStatus()).toContainText('Done');
        await focusOn('Next step');
        await page.keyboard.press('Enter');
        await wizard.expectStep(5, 'Software access (NFR subscriptions)');
        await shot('04-users-keyboard');
      });
      await test.step('5 software access', async () => {
        await wizard.markDone();
        await shot('05-software-access');
        await wizard.next();
      });
      await test.step('6 create the project', async () => {
        await wizard.expectStep(6, 'Create the certification project');
        await expect(page.getByText('can’t be changed after the project is created')).toBeVisible();
        await wizard.fill('Project name', 'acme_demo_openstack_plugin');
        await wizard.fill('Portal Project ID', 'f34cbd3f-8049-414a-8ffe-58d69c0746a5');
        await wizard.fill('Registry pid', 'p1234');
        await wizard.fill('Registry namespace', 'acme');
        await wizard.fill('Image name', 'acme-plugin');
        await wizard.click('Create project');
        await expect(wizard.stepStatus()).toContainText('Done');
        await shot('06-create-project');
      });

      await test.step('restarting certdesk serve resumes at the same step', async () => {
        await app.stop();
        app = await startServe({ CERTDESK_HOME: dataDir });
        await shell.open(app.url);
        await shell.goTo('First certification');
        await wizard.expectStep(6, 'Create the certification project');
        await wizard.next();
      });

      await test.step('7 in tree or out of tree', async () => {
        await page.getByRole('group', { name: /merged in the OpenStack upstream/ }).getByRole('radio', { name: 'No', exact: true }).check();
        await expect(page.getByTestId('tree-verdict')).toContainText('Out of tree');
        await wizard.click('Record as out of tree');
        await expect(wizard.stepStatus()).toContainText('Done');
        await shot('07-tree-status');
        await wizard.next();
      });

      await test.step('8 the checklist: profile items, collateral, Red Hat’s approval', async () => {
        await wizard.expectStep(8, 'The container certification checklist');
        await shot('08-checklist-step');
        await shell.goTo('Checklist');
        await expect(checklist.heading()).toBeVisible();
        await checklist.completePartnerSteps();
        await shot('08-checklist-page');
        await shell.goTo('First certification');
        await wizard.expectStep(8, 'The container certification checklist');
        await expect(wizard.stepStatus()).toContainText('Done');
        await wizard.next();
      });

      await test.step('9–12 Dockerfile, build, scan, upload complete from recorded evidence', async () => {
        recordEvidence(dataDir, 'acme_demo_openstack_plugin');
        await page.reload();
        await wizard.expectStep(9, 'Dockerfile');
        await expect(wizard.stepStatus()).toContainText('verified by CertDesk');
        await shot('09-dockerfile');
        await wizard.next();
        await wizard.fill('Repository URL (HTTPS if public, SSH if private)', 'https://github.com/acme/acme-plugin.git');
        await wizard.click('Save build service settings');
        await expect(wizard.stepStatus()).toContainText('verified by CertDesk');
        await shot('10-build');
        await wizard.next();
        await expect(wizard.stepStatus()).toContainText('verified by CertDesk');
        await shot('11-scan');
        await wizard.next();
        await wizard.expectStep(12, 'Upload');
        await expect(wizard.stepStatus()).toContainText('verified by CertDesk');
        await shot('12-upload');
        await wizard.next();
      });

      await test.step('13 publish, 14 export compliance, 15 maintenance', async () => {
        await wizard.click('Mark 1.0-1 published');
        await expect(wizard.stepStatus()).toContainText('Done');
        await shot('13-publish');
        await wizard.next();
        await shot('14-export-compliance-step');
        await shell.goTo('Checklist');
        await page.getByRole('button', { name: 'Record “Step 3” today' }).click();
        await expect(page.getByTestId('export-expected')).toContainText('Answer expected around');
        await page.getByLabel('Outcome').selectOption('approved');
        await expect(page.getByLabel('Outcome')).toHaveValue('approved');
        await checklist.expectDone(10);
        await shot('checklist-complete');
        await shell.goTo('First certification');
        await wizard.expectStep(14, 'Export compliance');
        await expect(wizard.stepStatus()).toContainText('Done');
        await wizard.next();
        await expect(page.getByRole('list', { name: 'Published image health' })).toContainText('1.0-1: grade A');
        await wizard.markDone();
        await expect(wizard.progress()).toHaveAttribute('aria-valuenow', '100');
        await shot('15-maintenance');
      });

      await test.step('the dashboard shows the project, its progress and health', async () => {
        await shell.goTo('Dashboard');
        await expect(dashboard.projectCards()).toHaveCount(1);
        await expect(dashboard.projectCards().first()).toContainText('Checklist 10/10');
        await expect(dashboard.projectCards().first()).toContainText('No rebuild due');
        await shot('dashboard-done');
      });

      await test.step('with a full project, the pages still have no serious or critical axe violations', async () => {
        for (const label of ['Dashboard', 'First certification', 'Checklist', 'Help']) {
          await shell.goTo(label);
          await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
          const results = await new AxeBuilder({ page }).analyze();
          const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          expect(bad.map((v) => `${label}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
        }
      });
    } finally {
      await app.stop();
    }
  });
});
