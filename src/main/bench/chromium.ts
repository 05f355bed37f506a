import { existsSync } from 'node:fs'

export interface ChromiumChoice {
  executablePath?: string
  description: string
}

/** The Chromium the e2e tests and the scrolling benchmark drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own browser (if it was ever downloaded). */
export function chooseChromium(env: NodeJS.ProcessEnv = process.env): ChromiumChoice {
  if (env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH))
      throw new Error(`CHROMIUM_PATH points to ${env.CHROMIUM_PATH}, which does not exist`)
    return { executablePath: env.CHROMIUM_PATH, description: `CHROMIUM_PATH (${env.CHROMIUM_PATH})` }
  }
  if (existsSync('/usr/bin/chromium'))
    return { executablePath: '/usr/bin/chromium', description: 'system Chromium (/usr/bin/chromium)' }
  return { description: "Playwright's own Chromium" }
}

/** Flags for a headless system Chromium on a machine with no network but loopback (see TOOLCHAIN.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
