import type { Locator, Page } from '@playwright/test'
import { expect, test } from '../support/app'
import { copiedPaths } from '../support/editing'
import { fixture } from '../support/marsysFixtures'
import { callApi, seedMessages } from '../support/sessionApi'
import { openSessionFromList } from '../support/sessionsUi'

test.describe('keyboard', () => {
  test.use({ appArgs: [fixture('03_tool_calls.json')] })

  test('↑/↓ select, Enter shows raw JSON, Ctrl+O and / focus fields, Escape closes dialogs', async ({
    appPage,
  }) => {
    const main = appPage.getByRole('main', { name: '03_tool_calls.json' })
    await main.getByRole('article', { name: /^Message 0, system/ }).click()
    await expect(main.getByRole('article', { name: /^Message 0, system/ })).toHaveAttribute(
      'aria-current',
      'true',
    )
    await appPage.keyboard.press('ArrowDown')
    await appPage.keyboard.press('ArrowDown')
    const second = main.getByRole('article', { name: /^Message 2, assistant/ })
    await expect(second).toHaveAttribute('aria-current', 'true')
    await appPage.keyboard.press('Enter')
    await expect(second.getByRole('region', { name: 'Raw JSON of message 2' })).toContainText(
      '"call_wx_paris"',
    )
    await appPage.keyboard.press('Enter')
    await expect(second.getByRole('region', { name: 'Raw JSON of message 2' })).toHaveCount(0)

    await appPage.keyboard.press('Control+o')
    await expect(appPage.getByLabel('Open path', { exact: true })).toBeFocused()
    await appPage.keyboard.press('Control+f')
    await expect(appPage.getByRole('searchbox', { name: 'Search', exact: true })).toBeFocused()

    await appPage.getByRole('button', { name: 'Help and about' }).click()
    const dialog = appPage.getByRole('dialog', { name: 'Help and about' })
    await expect(dialog.getByRole('region', { name: 'About this app' })).toBeVisible()
    await appPage.keyboard.press('Escape')
    await expect(dialog).toHaveCount(0)
  })
})

/**
 * The same editing keys in a file and in a session: F2 opens the selected message's fields editor, Shift+F2 its
 * raw JSON editor, Ctrl/Cmd+Enter applies from the text field or the JSON editor, Enter in the list shows raw JSON.
 */
async function editWithKeys(page: Page, main: Locator, index: number, role: string): Promise<void> {
  const card = main.getByRole('article', { name: new RegExp(`^Message ${index}, ${role}`) })
  await card.click()
  await page.keyboard.press('F2')
  const fields = card.getByRole('form', { name: `Edit message ${index}` })
  await fields.getByLabel('Content text').fill('Applied with Ctrl+Enter')
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(fields).toHaveCount(0)
  await expect(card.locator('.text-raw')).toHaveText('Applied with Ctrl+Enter')

  await card.locator('.card-index').click()
  await page.keyboard.press('Shift+F2')
  const raw = card.getByRole('form', { name: `Edit message ${index}` })
  await expect(raw.getByRole('button', { name: 'Raw JSON' })).toHaveAttribute('aria-pressed', 'true')
  const editor = raw.locator('.cm-content')
  await expect(editor).toBeFocused()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.insertText(`{"role": "${role}", "content": "Raw JSON applied with keys"}`)
  await page.keyboard.press('ControlOrMeta+Enter')
  await expect(raw).toHaveCount(0)
  await expect(card.locator('.text-raw')).toHaveText('Raw JSON applied with keys')

  // Enter in the list shows the raw JSON (read only), Enter again hides it.
  await card.locator('.card-index').click()
  await page.keyboard.press('Enter')
  await expect(card.getByRole('region', { name: `Raw JSON of message ${index}` })).toContainText(
    'Raw JSON applied with keys',
  )
  await page.keyboard.press('Enter')
  await expect(card.getByRole('region', { name: `Raw JSON of message ${index}` })).toHaveCount(0)
}

const fileTest = test.extend<{ copies: string[] }>({
  copies: [[], { option: true }],
  appArgs: async ({ workDir, copies }, use) => use(copiedPaths(workDir, copies)),
})

fileTest.describe('editing keys in a file', () => {
  fileTest.use({ copies: ['03_tool_calls.json'] })

  fileTest('F2, Shift+F2 and Ctrl/Cmd+Enter', async ({ appPage }) => {
    await editWithKeys(appPage, appPage.getByRole('main', { name: '03_tool_calls.json' }), 1, 'user')
  })
})

test('editing keys in a session: the same F2, Shift+F2 and Ctrl/Cmd+Enter', async ({ appPage }) => {
  await callApi(appPage, 'session.create', { session_id: 'keys-chat' })
  await seedMessages(appPage, 'keys-chat', 4)
  const main = await openSessionFromList(appPage, 'keys-chat')
  await editWithKeys(appPage, main, 2, 'user')
})
