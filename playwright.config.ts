import { defineConfig } from '@playwright/test';
import { linkSystemFfmpeg } from './e2e/fixtures/system-ffmpeg';

const canRecordVideo = linkSystemFfmpeg();

/**
 * UI tests drive the real renderer in Debian's Chromium through `certdesk serve`, against the
 * real services e2e/services/with-services.mjs starts. Browsers can't be downloaded here.
 */
export default defineConfig({
  testDir: './e2e/specs',
  outputDir: './artifacts/playwright',
  timeout: 180_000,
  expect: { timeout: 20_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'artifacts/playwright-results.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    screenshot: 'on',
    // Video of every test, through Debian's ffmpeg (Playwright's own build can't be downloaded here).
    video: canRecordVideo ? 'on' : 'off',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CERTDESK_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
});
