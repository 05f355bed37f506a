import { defineConfig } from '@playwright/test'
import { findElectronBinary } from '../scripts/electron-binary.js'
import { CHROMIUM_ARGS, chooseChromium } from '../src/main/bench/chromium'

const chromium = chooseChromium()
const electron = findElectronBinary()
// Say once, in the test output, which browser runs the web project and whether the electron project can run.
if (!process.env.MI_E2E_QUIET) {
  console.log(`[e2e] web project uses ${chromium.description}`)
  console.log(
    electron.path
      ? `[e2e] electron project uses ${electron.path}`
      : `[e2e] electron project will be skipped: ${electron.missing}`,
  )
  process.env.MI_E2E_QUIET = '1'
}

export default defineConfig({
  testDir: './specs',
  outputDir: '../test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  // A fresh CI machine is slower and busier than a desk: a test that fails once is run once more and, if it then
  // passes, reported as flaky by name (scripts/test-summary.js) so it is looked at rather than hidden.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: '../.reports/playwright.json' }]],
  forbidOnly: !!process.env.CI,
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'web',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: chromium.executablePath, args: CHROMIUM_ARGS },
      },
    },
    {
      // Launches the real app with _electron.launch where the binary exists; the fixture skips it, with the
      // reason, where it does not (machines without internet access never get the binary).
      name: 'electron',
      use: {},
    },
  ],
})
