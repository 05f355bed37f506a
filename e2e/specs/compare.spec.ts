import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test as base } from '../support/app'
import { copiedPaths, copyPath, readMemory, readText } from '../support/editing'
import { callApi, seedMessages, sessionDocument } from '../support/sessionApi'
import { docsScreenshot, MAKING_SCREENSHOTS } from '../support/docsScreenshot'

const NAME = '03_tool_calls.json'
const OTHER = '03_tool_calls_other.json'
const PARIS = 'Weather in Paris and Berlin, then convert 20 C to F.'
const OURS = 'Weather in Rome and Berlin, edited in the app.'
const THEIRS = 'Weather in Oslo, written by another program.'

/** 03_tool_calls.json and, next to it, a variant: message 1 edited, message 4 removed, one message added. */
const test = base.extend<{ withOther: boolean }>({
  withOther: [false, { option: true }],
  appArgs: async ({ workDir, withOther }, use) => {
    const paths = copiedPaths(workDir, [NAME])
    if (withOther) {
      const memory = readMemory(paths[0])
      memory.messages[1].content = 'Weather in Lisbon and Berlin, then convert 20 C to F.'
      memory.messages.splice(4, 1)
      memory.messages.push({ role: 'user', content: 'Thanks, that is all.' })
      const other = join(workDir, 'files', OTHER)
      writeFileSync(other, JSON.stringify(memory, null, 2))
      paths.push(other)
    }
    await use(paths)
  },
})

async function editUserMessage(page: Page, text: string) {
  const main = page.getByRole('main', { name: NAME })
  const user = main.getByRole('article', { name: /^Message 1, user/ })
  await user.getByRole('button', { name: 'Edit', exact: true }).click()
  await user.getByLabel('Content text').fill(text)
  await user.getByRole('button', { name: 'Apply' }).click()
  await expect(user.locator('.text-raw')).toHaveText(text)
  return main
}

test('the changed-on-disk dialog shows how the file on disk differs from your version', async ({
  appPage,
  workDir,
}) => {
  const filePath = copyPath(workDir, NAME)
  const main = await editUserMessage(appPage, OURS)
  writeFileSync(filePath, readText(filePath).replace(PARIS, THEIRS))
  await expect(main.getByRole('alert').filter({ hasText: 'changed on disk' })).toBeVisible()
  await main
    .getByRole('toolbar', { name: 'Editing' })
    .getByRole('button', { name: 'Save', exact: true })
    .click()

  const dialog = appPage.getByRole('dialog', { name: 'File changed on disk' })
  const differences = dialog.getByRole('region', { name: 'Differences' })
  await expect(differences).toContainText('0 added, 0 removed, 1 changed, 10 same', { timeout: 30_000 })
  const change = differences.getByRole('listitem').filter({ hasText: 'Message 1 (user) changed' })
  await expect(change.locator('.diff-removed')).toContainText(THEIRS)
  await expect(change.locator('.diff-added')).toContainText(OURS)
  await expect(change.locator('.diff-removed mark').first()).toContainText('Oslo')
  if (process.env.MI_COMPARE_DEBUG) await appPage.screenshot({ path: '/tmp/compare-conflict.png' })
  // The choices are still there and still work.
  await expect(dialog.getByRole('button', { name: 'Reload' })).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Save as…' })).toBeVisible()
  await dialog.getByRole('button', { name: 'Overwrite' }).click()
  await expect(dialog).toHaveCount(0)
  await expect.poll(() => readMemory(filePath).messages[1].content, { timeout: 30_000 }).toBe(OURS)
})

test('Compare with saved shows the saved file against the edits', async ({ appPage }) => {
  const main = await editUserMessage(appPage, OURS)
  await main.getByRole('button', { name: 'Compare with saved' }).click()

  const page = appPage.getByRole('main', { name: 'Compare' })
  const view = page.getByRole('region', { name: 'Comparison' })
  await expect(view.getByRole('toolbar', { name: 'Changes' })).toContainText(
    '0 added, 0 removed, 1 changed, 10 same',
    { timeout: 30_000 },
  )
  const changed = view.getByRole('group', { name: 'Message 1 (user) changed' })
  await expect(changed.locator('.diff-removed mark').first()).toHaveText('Paris')
  await expect(changed.locator('.diff-added mark').first()).toContainText('Rome')
})

test.describe('two files side by side', () => {
  test.use({ withOther: true })

  test('picks two open files, matches their messages and steps through the changes', async ({ appPage }) => {
    const tabs = appPage.getByRole('navigation', { name: 'Pages and open documents' })
    await expect(tabs.getByRole('button', { name: OTHER, exact: true })).toBeVisible({ timeout: 30_000 })
    await tabs.getByRole('button', { name: NAME, exact: true }).click()
    await appPage.getByRole('main', { name: NAME }).getByRole('button', { name: 'Compare with…' }).click()
    const page = appPage.getByRole('main', { name: 'Compare' })
    await expect(page.getByLabel('Left')).toHaveValue(/^document:/)
    await page.getByLabel('Right').selectOption({ label: OTHER })
    await page.getByRole('button', { name: 'Compare', exact: true }).click()

    const view = page.getByRole('region', { name: 'Comparison' })
    const toolbar = view.getByRole('toolbar', { name: 'Changes' })
    await expect(toolbar).toContainText('1 added, 1 removed, 1 changed, 9 same', { timeout: 30_000 })
    await expect(view.getByRole('group', { name: /^Message \d+ \(user\) changed$/ })).toContainText('Lisbon')

    await toolbar.getByRole('button', { name: /Next change/ }).click()
    await expect(toolbar).toContainText('Change 1 of 3')
    await expect(view.locator('[aria-current="true"]')).toHaveAccessibleName('Message 1 (user) changed')
    await appPage.keyboard.press('F7')
    await expect(toolbar).toContainText('Change 2 of 3')
    await expect(view.locator('[aria-current="true"]')).toHaveAccessibleName('Message 4 (tool) removed')
    await appPage.keyboard.press('n')
    await expect(toolbar).toContainText('Change 3 of 3')
    await expect(view.locator('[aria-current="true"]')).toHaveAccessibleName('Message 10 (user) added')
    await appPage.keyboard.press('Shift+F7')
    await expect(toolbar).toContainText('Change 2 of 3')

    // Named controls and readable colours in both themes.
    for (const colorScheme of ['light', 'dark'] as const) {
      await appPage.emulateMedia({ colorScheme })
      const { violations } = await new AxeBuilder({ page: appPage }).include('.compare-page').analyze()
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
        [],
      )
      if (process.env.MI_COMPARE_DEBUG) await appPage.screenshot({ path: `/tmp/compare-${colorScheme}.png` })
    }

    if (MAKING_SCREENSHOTS) {
      await appPage.emulateMedia({ colorScheme: 'light' })
      await appPage.setViewportSize({ width: 1280, height: 800 })
      await toolbar.getByRole('button', { name: /Previous change/ }).click()
      await expect(toolbar).toContainText('Change 1 of 3')
      await docsScreenshot(appPage, 'compare')
    }
  })
})

test('compares a file with a store session picked on the Compare page', async ({ appPage }) => {
  await expect(appPage.getByRole('main', { name: NAME })).toBeVisible({ timeout: 30_000 })
  await callApi(appPage, 'session.create', { session_id: 'chat' })
  await seedMessages(appPage, 'chat', 3)
  // Not open: the Compare page offers it among the store's sessions and opens it when comparing.
  await callApi(appPage, 'document.close', { id: await sessionDocument(appPage, 'chat') })
  const tabs = appPage.getByRole('navigation', { name: 'Pages and open documents' })
  await expect(tabs.getByRole('button', { name: /chat/ })).toHaveCount(0)

  await tabs.getByRole('button', { name: 'Compare', exact: true }).click()
  const page = appPage.getByRole('main', { name: 'Compare' })
  await page.getByLabel('Left').selectOption({ label: NAME })
  await expect(page.getByLabel('Right').locator('option[value="session:chat"]')).toHaveText(
    'session chat (3 messages)',
  )
  await page.getByLabel('Right').selectOption('session:chat')
  await page.getByRole('button', { name: 'Compare', exact: true }).click()

  const view = page.getByRole('region', { name: 'Comparison' })
  await expect(view.getByRole('toolbar', { name: 'Changes' })).toContainText(
    /\d+ added, \d+ removed, \d+ changed, 0 same/,
    {
      timeout: 30_000,
    },
  )
  await expect(view.getByText('Message 0 text').first()).toBeVisible()
  await expect(tabs.getByRole('button', { name: /chat/ }).first()).toBeVisible()
})
