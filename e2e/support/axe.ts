import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import type { Result } from 'axe-core'

export type Theme = 'light' | 'dark'

/** The impacts that fail a check. */
const BLOCKING = new Set(['serious', 'critical'])

/** One violation per paragraph: rule, impact, help, and each offending node with axe's own explanation. */
export function describeViolations(violations: Result[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .map(
          (node) =>
            `    - ${node.target.join(' ')}\n      ${node.failureSummary?.replace(/\n/g, '\n      ')}`,
        )
        .join('\n')
      return `[${violation.impact}] ${violation.id}: ${violation.help}\n  ${violation.helpUrl}\n${nodes}`
    })
    .join('\n\n')
}

/** Waits until the styles of a theme switch are painted (axe reads computed colours). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))),
  )
}

/** The serious or critical violations axe finds on the page as it is now. */
export async function seriousViolations(page: Page): Promise<Result[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations.filter((violation) => BLOCKING.has(violation.impact ?? ''))
}

/**
 * Checks the screen as it is now in the light and then the dark theme (the app follows prefers-color-scheme),
 * and leaves the page in the light theme. Every failure names the screen and the theme. Soft assertions: one
 * run lists every screen that fails, not only the first.
 */
export async function checkScreenInBothThemes(page: Page, screen: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme })
    await settle(page)
    await test.step(`axe: ${screen} (${theme})`, async () => {
      const found = await seriousViolations(page)
      // The received value is the readable list itself, so a failure prints what to fix.
      expect
        .soft(describeViolations(found), `${screen} (${theme}): serious or critical axe violations`)
        .toBe('')
    })
  }
  await page.emulateMedia({ colorScheme: 'light' })
  await settle(page)
}
