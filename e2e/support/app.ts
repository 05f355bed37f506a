import { _electron, test as base, type Browser, type Page } from '@playwright/test'
import { mkdtempSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findElectronBinary } from '../../scripts/electron-binary.js'
import { ROOT, startWebServer } from './webServer'

export interface AppOptions {
  /** Extra command-line arguments for the app (files or folders to open). */
  appArgs: string[]
}

export interface AppFixtures {
  /** A temp folder for this test's data dir and any files it makes. */
  workDir: string
  /** The app's window: a Chromium page on web mode, or the Electron window. */
  appPage: Page
}

/**
 * One fixture, two doors: the `web` project starts web mode in its own process with a temp data dir and opens
 * it in Chromium; the `electron` project launches the real app, or skips with the reason when there is no binary.
 */
interface WorkerFixtures {
  /** Launches Chromium on first use only, so the electron project never needs a browser. */
  lazyBrowser: () => Promise<Browser>
}

export const test = base.extend<AppOptions & AppFixtures, WorkerFixtures>({
  lazyBrowser: [
    async ({ playwright, launchOptions }, use) => {
      let launched: Promise<Browser> | undefined
      await use(() => (launched ??= playwright.chromium.launch(launchOptions)))
      if (launched) await (await launched).close()
    },
    { scope: 'worker' },
  ],
  appArgs: [[], { option: true }],
  // eslint-disable-next-line no-empty-pattern
  workDir: async ({}, use) => {
    // Real path: the app shows resolved paths (on macOS /tmp is a link to /private/tmp).
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'mi-e2e-')))
    await use(dir)
    rmSync(dir, { recursive: true, force: true })
  },
  appPage: async ({ lazyBrowser, appArgs, workDir }, use, testInfo) => {
    const dataDir = join(workDir, 'data')
    if (testInfo.project.name === 'electron') {
      const electron = findElectronBinary()
      test.skip(!electron.path, `Electron e2e skipped: ${electron.missing}`)
      const app = await _electron.launch({
        executablePath: electron.path,
        args: [ROOT, ...appArgs],
        env: { ...process.env, MEMORY_INSPECTOR_DATA_DIR: dataDir },
      })
      const window = await app.firstWindow()
      await use(window)
      await app.close()
      return
    }
    const server = await startWebServer(appArgs, dataDir)
    const context = await (await lazyBrowser()).newContext()
    const page = await context.newPage()
    await page.goto(server.url)
    await use(page)
    await context.close()
    await server.stop()
  },
})

export { expect } from '@playwright/test'
