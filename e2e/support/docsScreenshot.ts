import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { ROOT } from './webServer'

/** Whether this run makes the README's pictures (`MI_SCREENSHOTS=1`); ordinary runs leave tracked files alone. */
export const MAKING_SCREENSHOTS = Boolean(process.env.MI_SCREENSHOTS)

/** Writes `docs/screenshots/<name>.png` of the page as it is, only when this run makes the README's pictures. */
export async function docsScreenshot(page: Page, name: string): Promise<void> {
  if (!MAKING_SCREENSHOTS) return
  const folder = join(ROOT, 'docs', 'screenshots')
  mkdirSync(folder, { recursive: true })
  await page.screenshot({ path: join(folder, `${name}.png`) })
}
