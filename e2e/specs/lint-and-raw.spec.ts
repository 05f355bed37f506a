import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test as base } from '../support/app'
import { copiedPaths, copyPath, readMemory, readText } from '../support/editing'
import { fixture } from '../support/marsysFixtures'
import { docsScreenshot, MAKING_SCREENSHOTS } from '../support/docsScreenshot'

const test = base.extend<{ copies: string[]; written: Record<string, string> }>({
  copies: [[], { option: true }],
  /** Files the test writes into its own folder (name → text), opened after the copies. */
  written: [{}, { option: true }],
  appArgs: async ({ workDir, copies, written }, use) => {
    const folder = join(workDir, 'written')
    mkdirSync(folder, { recursive: true })
    const paths = Object.entries(written).map(([name, text]) => {
      writeFileSync(join(folder, name), text)
      return join(folder, name)
    })
    await use([...copiedPaths(workDir, copies), ...paths])
  },
})

const tabs = (page: Page) => page.getByRole('navigation', { name: 'Pages and open documents' })

type Message = Record<string, unknown>
const memoryOf = (name: string) => JSON.parse(readText(fixture(name))) as { messages: Message[] }

/** 02 as MARSYS writes it when a manager with a description loads a file that already has the system prompt. */
function doubledSystemPrompt(): string {
  const memory = memoryOf('02_system_prompt.json')
  return JSON.stringify({ ...memory, messages: [memory.messages[0], ...memory.messages] }, null, 2)
}

/** 03 without its results' tool_call_ids, as MARSYS resaves a file it loaded. */
function strippedToolCallIds(): string {
  const memory = memoryOf('03_tool_calls.json')
  const messages = memory.messages.map(({ tool_call_id: _dropped, ...rest }) => rest)
  return JSON.stringify({ ...memory, messages }, null, 2)
}

test.describe('the Lint button and the lint panel agree', () => {
  test.use({
    copies: ['07_dict_and_list_content.json', '16_resaved_03_after_load.json'],
    written: { 'doubled.json': doubledSystemPrompt() },
  })

  test('the button names the same counts the panel heads its list with, info apart', async ({ appPage }) => {
    const expected: Record<string, string> = {
      'doubled.json': '1 warning',
      '07_dict_and_list_content.json': '2 warnings, 6 info',
      '16_resaved_03_after_load.json': '7 warnings, 1 info',
    }
    for (const [name, counts] of Object.entries(expected)) {
      await tabs(appPage)
        .getByRole('button', { name: new RegExp(`^${name.replace('.', '\\.')}`) })
        .click()
      const main = appPage.getByRole('main', { name })
      const button = main.getByRole('button', { name: /^Lint \(/ })
      await expect(button).toHaveAccessibleName(`Lint (${counts})`)
      await button.click()
      const lint = appPage.getByRole('complementary', { name: 'Lint' })
      await expect(lint.getByRole('status')).toHaveText(counts)
      await button.click()
    }
    const doubled = appPage.getByRole('main', { name: 'doubled.json' })
    await tabs(appPage)
      .getByRole('button', { name: /^doubled\.json/ })
      .click()
    await expect(doubled.getByTestId('lint-problems')).toHaveText('1')
    await expect(doubled.getByTestId('lint-info')).toHaveCount(0)
  })
})

test.describe('tool results saved without tool_call_id', () => {
  test.use({ written: { 'stripped.json': strippedToolCallIds() } })

  test('are linked to their calls first — one or all in one undoable edit — and saved as 03 had them', async ({
    appPage,
    workDir,
  }) => {
    const main = appPage.getByRole('main', { name: 'stripped.json' })
    await expect(main.getByTestId('message-count')).toHaveText('11 messages')
    await main.getByRole('button', { name: /^Lint \(/ }).click()
    const lint = appPage.getByRole('complementary', { name: 'Lint' })
    const problems = lint.getByRole('list', { name: 'Problems' })

    // The fix that keeps everything comes first; deleting comes last and says what it deletes.
    const orphan = problems.getByRole('listitem').filter({ hasText: 'Tool result #3 answers no earlier' })
    const fixes = orphan.locator('.quick-fix')
    await expect(fixes).toHaveCount(2)
    await expect(fixes.nth(0)).toHaveAccessibleName('Link tool result #3 to call call_wx_paris in #2')
    await expect(fixes.nth(1)).toHaveAccessibleName('Delete tool result #3 and its content')

    await orphan.getByRole('button', { name: 'Link tool result #3 to call call_wx_paris in #2' }).click()
    await expect(main.getByRole('article', { name: /^Message 3, tool/ })).toContainText('call_wx_paris')
    await expect(lint.getByRole('status')).toHaveText('6 warnings, 1 info')

    await lint.getByRole('button', { name: 'Link all 3 tool results to their calls' }).click()
    await expect(lint.getByRole('status')).toHaveText('1 info')
    await expect(main.getByRole('button', { name: /^Lint \(/ })).toHaveAccessibleName('Lint (1 info)')
    const undo = main.getByRole('toolbar', { name: 'Editing' }).getByRole('button', { name: 'Undo' })
    await expect(undo).toHaveAttribute('title', /Link tool results to their calls/)
    await undo.click()
    await expect(lint.getByRole('status')).toHaveText('6 warnings, 1 info')
    await appPage.keyboard.press('Control+Shift+z')
    await expect(lint.getByRole('status')).toHaveText('1 info')

    await main
      .getByRole('toolbar', { name: 'Editing' })
      .getByRole('button', { name: 'Save', exact: true })
      .click()
    await expect(appPage.getByRole('region', { name: 'Notifications' })).toContainText('Saved')
    const saved = readMemory(join(workDir, 'written', 'stripped.json'))
    const ids = (messages: Message[]) => messages.map((message) => message.tool_call_id ?? null)
    expect(ids(saved.messages)).toEqual(ids(memoryOf('03_tool_calls.json').messages))
  })
})

test.describe('raw JSON as saved and as edited', () => {
  test.use({ copies: ['01_plain_conversation.json'] })

  test('an edited message offers both versions, each with its copy; a save makes them one', async ({
    appPage,
    workDir,
  }) => {
    const main = appPage.getByRole('main', { name: '01_plain_conversation.json' })
    const card = main.getByRole('article', { name: /^Message 1, / })
    await card.getByRole('button', { name: 'Raw JSON' }).click()
    const raw = card.getByRole('region', { name: 'Raw JSON of message 1' })
    await expect(raw).toContainText('raw JSON as saved, exactly as in the file (no unsaved edits)')
    const onDisk = (await raw.locator('pre').textContent()) ?? ''
    expect(readText(copyPath(workDir, '01_plain_conversation.json'))).toContain(onDisk)

    await card.getByRole('button', { name: 'Edit', exact: true }).click()
    const editor = card.getByRole('form', { name: 'Edit message 1' })
    await editor.getByLabel('Content text').fill('Changed in the app')
    await editor.getByRole('button', { name: 'Apply' }).click()
    await expect(editor).toHaveCount(0)

    await expect(raw.getByRole('button', { name: 'As edited', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    )
    await expect(raw.locator('pre')).toContainText('"content": "Changed in the app"')
    await expect(raw.getByRole('button', { name: 'Copy raw JSON as edited' })).toBeVisible()
    await raw.getByRole('button', { name: 'As saved', exact: true }).click()
    await expect(raw.locator('pre')).toHaveText(onDisk)
    await expect(raw.getByRole('button', { name: 'Copy raw JSON as saved' })).toBeVisible()

    await main
      .getByRole('toolbar', { name: 'Editing' })
      .getByRole('button', { name: 'Save', exact: true })
      .click()
    await expect(raw).toContainText('raw JSON as saved, exactly as in the file (no unsaved edits)')
    await expect(raw.locator('pre')).toContainText('"content": "Changed in the app"')
    await expect(raw.getByRole('group', { name: 'Which version' })).toHaveCount(0)
  })
})

test.describe('a JSON file that is not a memory', () => {
  test.use({
    copies: ['load_inputs_handmade/top_level_list.json'],
    written: { 'numbers.json': JSON.stringify(Array.from({ length: 12 }, (_, i) => i)) },
  })

  test('says what it is, shows its JSON read-only and is listed as not a memory', async ({ appPage }) => {
    await tabs(appPage)
      .getByRole('button', { name: /^numbers\.json/ })
      .click()
    const main = appPage.getByRole('main', { name: 'numbers.json' })
    await expect(main.getByRole('status').first()).toContainText(
      'This is a JSON array of 12 items, not a MARSYS memory file.',
    )
    const text = main.getByRole('textbox', { name: 'JSON text of the file (read-only)' })
    await expect(text).toHaveText('[0,1,2,3,4,5,6,7,8,9,10,11]')
    await expect(text).toHaveAttribute('contenteditable', 'false')
    await expect(main.getByRole('group', { name: 'View' })).toHaveCount(0)
    await expect(main.getByRole('toolbar', { name: 'Editing' })).toHaveCount(0)

    await tabs(appPage)
      .getByRole('button', { name: /^top_level_list\.json/ })
      .click()
    await expect(appPage.getByRole('main', { name: 'top_level_list.json' })).toContainText(
      'This is a JSON array of 1 item, not a MARSYS memory file.',
    )

    await tabs(appPage)
      .getByRole('button', { name: /^Files/ })
      .click()
    const row = appPage.getByRole('table', { name: 'Documents' }).getByRole('row', { name: /numbers\.json/ })
    await expect(row).toContainText('not a MARSYS memory')
  })
})

test.describe('docs screenshots', () => {
  test.skip(!MAKING_SCREENSHOTS, 'makes the docs screenshots only when MI_SCREENSHOTS is set')
  test.use({
    written: {
      'resaved.json': strippedToolCallIds(),
      'numbers.json': JSON.stringify({ runs: [1, 2, 3], owner: 'dana' }, null, 2),
    },
  })

  test('the lint panel with its link fixes, and a file that is not a memory', async ({ appPage }) => {
    await appPage.emulateMedia({ colorScheme: 'light' })
    await appPage.setViewportSize({ width: 1440, height: 900 })
    await tabs(appPage)
      .getByRole('button', { name: /^resaved\.json/ })
      .click()
    const main = appPage.getByRole('main', { name: 'resaved.json' })
    await main.getByRole('button', { name: 'Table', exact: true }).click()
    await main.getByRole('button', { name: /^Lint \(/ }).click()
    await expect(appPage.getByRole('complementary', { name: 'Lint' }).getByRole('status')).toHaveText(
      '7 warnings, 1 info',
    )
    await docsScreenshot(appPage, 'lint-quick-fixes')
    await main.getByRole('button', { name: /^Lint \(/ }).click()

    await tabs(appPage)
      .getByRole('button', { name: /^numbers\.json/ })
      .click()
    await expect(appPage.getByRole('textbox', { name: 'JSON text of the file (read-only)' })).toContainText(
      'owner',
    )
    await docsScreenshot(appPage, 'not-a-memory')
  })
})
