import type { Locator, Page } from '@playwright/test'
import { expect, test as base } from '../support/app'
import { checkScreenInBothThemes } from '../support/axe'
import { copiedPaths } from '../support/editing'
import { callApi } from '../support/sessionApi'
import { openSessionFromList } from '../support/sessionsUi'

const tabs = (page: Page): Locator => page.getByRole('navigation', { name: 'Pages and open documents' })

const showPage = async (page: Page, name: RegExp | string): Promise<void> => {
  await tabs(page).getByRole('button', { name }).first().click()
}

const test = base.extend<{ copies: string[] }>({
  copies: [[], { option: true }],
  appArgs: async ({ workDir, copies }, use) => use(copiedPaths(workDir, copies)),
})

// Each screen is checked twice (light, dark); axe takes seconds a run on a busy machine.
test.describe.configure({ timeout: 300_000 })

test.describe('screens without documents', () => {
  test('the Files welcome, Sessions, Usage, Import and Settings pages, and a store session', async ({
    appPage,
  }) => {
    await appPage.setViewportSize({ width: 1440, height: 900 })
    await expect(appPage.getByLabel('Open path', { exact: true })).toBeVisible()
    await checkScreenInBothThemes(appPage, 'Files page (welcome)')

    await callApi(appPage, 'session.create', { session_id: 'a11y-1', user_id: 'dana', agent_id: 'bot' })
    await showPage(appPage, 'Sessions')
    await expect(appPage.getByRole('table', { name: 'Sessions' })).toBeVisible()
    await checkScreenInBothThemes(appPage, 'Sessions page')

    await showPage(appPage, 'Usage')
    await expect(appPage.getByRole('main')).toBeVisible()
    await checkScreenInBothThemes(appPage, 'Usage page')

    await showPage(appPage, 'Import')
    await expect(appPage.getByRole('main')).toBeVisible()
    await checkScreenInBothThemes(appPage, 'Import page')

    await showPage(appPage, 'Settings')
    await expect(appPage.getByRole('main')).toBeVisible()
    await checkScreenInBothThemes(appPage, 'Settings page')

    const session = await openSessionFromList(appPage, 'a11y-1')
    await expect(session).toBeVisible()
    await checkScreenInBothThemes(appPage, 'store session tab')
    await session.getByRole('button', { name: 'Session', exact: true }).click()
    await expect(appPage.getByRole('complementary', { name: 'Session' })).toBeVisible()
    await checkScreenInBothThemes(appPage, 'store session with its Session panel')
  })
})

test.describe('documents', () => {
  test.use({
    copies: [
      '03_tool_calls.json',
      '05_images.json',
      '10_kg_facts.json',
      '13_agent_state_with_planning.json',
      'invalid/truncated_by_failed_save.json',
      'load_inputs_handmade/top_level_list.json',
    ],
  })

  test('the documents table, a document in both views, every side panel, an error view', async ({
    appPage,
  }) => {
    await appPage.setViewportSize({ width: 1440, height: 900 })
    await showPage(appPage, /^Files/)
    await expect(appPage.getByRole('table', { name: 'Documents' }).getByRole('row')).toHaveCount(7)
    await checkScreenInBothThemes(appPage, 'Files page (documents table)')

    await showPage(appPage, '03_tool_calls.json')
    const main = appPage.getByRole('main', { name: '03_tool_calls.json' })
    await expect(main.getByRole('feed', { name: /^Timeline/ })).toBeVisible()
    await checkScreenInBothThemes(appPage, 'timeline')
    await main.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Table' }).click()
    await expect(main.getByRole('grid').or(main.getByRole('table')).first()).toBeVisible()
    await checkScreenInBothThemes(appPage, 'message table')
    await main.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Timeline' }).click()

    for (const [button, panel] of [
      ['Lint', 'Lint'],
      ['Tokens', 'Tokens'],
      ['Summary', 'Summary & compaction'],
      ['Insights', 'Insights'],
      ['Hand-offs', 'Hand-offs'],
      ['Search', 'Search'],
    ]) {
      await main.getByRole('button', { name: new RegExp(`^${button}`) }).click()
      const aside = appPage.getByRole('complementary', { name: panel })
      await expect(aside).toBeVisible()
      await expect(aside.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 })
      await checkScreenInBothThemes(appPage, `${panel} panel`)
    }

    await showPage(appPage, '13_agent_state_with_planning.json')
    const state = appPage.getByRole('main', { name: '13_agent_state_with_planning.json' })
    await state.getByRole('button', { name: 'Agent state' }).click()
    await expect(appPage.getByRole('complementary', { name: 'Agent state' })).toBeVisible()
    await checkScreenInBothThemes(appPage, 'Agent state panel')

    await showPage(appPage, '10_kg_facts.json')
    await appPage
      .getByRole('main', { name: '10_kg_facts.json' })
      .getByRole('button', { name: 'Facts' })
      .click()
    await expect(appPage.getByRole('complementary', { name: 'Facts' }).getByRole('table')).toBeVisible()
    await checkScreenInBothThemes(appPage, 'Facts panel')

    await showPage(appPage, 'truncated_by_failed_save.json')
    await expect(appPage.getByRole('main', { name: 'truncated_by_failed_save.json' })).toContainText(
      'truncated_by_failed_save.json',
    )
    await checkScreenInBothThemes(appPage, 'error view')

    await showPage(appPage, /^top_level_list\.json/)
    await expect(appPage.getByRole('main', { name: 'top_level_list.json' })).toContainText(
      'not a MARSYS memory file',
    )
    await checkScreenInBothThemes(appPage, 'a JSON file that is not a memory')

    await showPage(appPage, 'Compare')
    await expect(appPage.getByRole('main', { name: 'Compare' })).toBeVisible()
    await checkScreenInBothThemes(appPage, 'Compare page')
  })

  test('the message editor and the dialogs', async ({ appPage }) => {
    await appPage.setViewportSize({ width: 1440, height: 900 })
    const main = appPage.getByRole('main', { name: '03_tool_calls.json' })
    await showPage(appPage, '03_tool_calls.json')
    await appPage.keyboard.press('Control+g')
    const goTo = appPage.getByRole('dialog', { name: 'Go to message' })
    await expect(goTo).toBeVisible()
    await checkScreenInBothThemes(appPage, 'Go to message dialog')
    await goTo.getByRole('button', { name: 'Cancel' }).click()

    await appPage.keyboard.press('Control+Shift+P')
    const palette = appPage.getByRole('dialog', { name: 'Commands' })
    await expect(palette).toBeVisible()
    await checkScreenInBothThemes(appPage, 'command palette')
    await appPage.keyboard.press('Escape')
    await expect(palette).toHaveCount(0)

    // The selected message's actions: its raw JSON editor, then a change MARSYS would refuse (no role).
    await main.getByRole('article', { name: /^Message 1,/ }).click()
    await main.getByRole('button', { name: 'Edit raw JSON' }).click()
    const editor = main.getByRole('form', { name: 'Edit message 1' })
    const json = editor.getByRole('textbox', { name: 'Message 1 JSON' })
    await expect(json).toContainText('"role"')
    await checkScreenInBothThemes(appPage, 'message editor')
    await json.fill('{\n  "content": "no role here"\n}')
    await editor.getByRole('button', { name: 'Apply' }).click()
    await expect(editor).toHaveCount(0)
    await appPage.keyboard.press('Control+s')
    const refusal = appPage.getByRole('dialog', { name: 'MARSYS would refuse this file' })
    await expect(refusal).toBeVisible()
    await checkScreenInBothThemes(appPage, 'save refusal dialog')
    await refusal.getByRole('button', { name: 'Cancel' }).click()

    await tabs(appPage).getByRole('button', { name: 'Close 03_tool_calls.json' }).click()
    const unsaved = appPage.getByRole('dialog', { name: 'Unsaved edits' })
    await expect(unsaved).toBeVisible()
    await checkScreenInBothThemes(appPage, 'unsaved edits dialog')
    await unsaved.getByRole('button', { name: 'Keep it open' }).click()

    await showPage(appPage, '05_images.json')
    const images = appPage.getByRole('main', { name: '05_images.json' })
    await images
      .getByRole('button', { name: /^Enlarge image/ })
      .first()
      .click()
    await expect(appPage.getByRole('dialog', { name: /image/ })).toBeVisible()
    await checkScreenInBothThemes(appPage, 'image dialog')
  })
})
