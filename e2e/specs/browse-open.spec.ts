import { expect, test } from '../support/app'
import { fixture, FIXTURES } from '../support/marsysFixtures'

const tabs = (page: import('@playwright/test').Page) =>
  page.getByRole('navigation', { name: 'Pages and open documents' })

test.describe('a single file given at start', () => {
  test.use({ appArgs: [fixture('01_plain_conversation.json')] })

  test('opens straight into its timeline, one card per message in order', async ({ appPage }) => {
    const main = appPage.getByRole('main', { name: '01_plain_conversation.json' })
    await expect(main).toBeVisible()
    await expect(main.getByTestId('message-count')).toHaveText('4 messages')
    const timeline = main.getByRole('feed', { name: /^Timeline/ })
    await expect(timeline.getByRole('article')).toHaveCount(4)
    await expect(timeline.getByRole('article').first()).toHaveAttribute('aria-label', /^Message 0, user/)
    await expect(timeline.getByRole('article').nth(1)).toHaveAttribute('aria-label', /^Message 1, assistant/)
    await expect(
      tabs(appPage).getByRole('button', { name: '01_plain_conversation.json', exact: true }),
    ).toHaveAttribute('aria-current', 'page')
  })

  test('lists the allowed folders and opens another file by path; refuses paths outside them', async ({
    appPage,
  }) => {
    await tabs(appPage)
      .getByRole('button', { name: /^Files/ })
      .click()
    await expect(appPage.getByRole('list', { name: 'Allowed folders' })).toContainText(FIXTURES)
    const openPath = appPage.getByLabel('Open path', { exact: true })
    await openPath.fill(fixture('03_tool_calls.json'))
    await openPath.press('Enter')
    await expect(appPage.getByRole('main', { name: '03_tool_calls.json' })).toBeVisible()
    await expect(tabs(appPage).getByRole('button', { name: '03_tool_calls.json', exact: true })).toBeVisible()

    await openPath.fill('/etc/hostname')
    await openPath.press('Enter')
    await expect(appPage.getByRole('region', { name: 'Notifications' })).toContainText('outside the folders')
  })

  test('lists recent files on the welcome screen and reopens one with a click', async ({ appPage }) => {
    await expect(appPage.getByRole('main', { name: '01_plain_conversation.json' })).toBeVisible()
    await appPage.getByLabel('Open path', { exact: true }).fill(fixture('02_system_prompt.json'))
    await appPage.getByLabel('Open path', { exact: true }).press('Enter')
    await expect(appPage.getByRole('main', { name: '02_system_prompt.json' })).toBeVisible()
    await tabs(appPage).getByRole('button', { name: 'Close 02_system_prompt.json' }).click()
    await tabs(appPage)
      .getByRole('button', { name: /^Files/ })
      .click()
    await appPage.getByRole('button', { name: `Reopen 02_system_prompt.json ${FIXTURES}/` }).click()
    await expect(appPage.getByRole('main', { name: '02_system_prompt.json' })).toBeVisible()
  })

  test('a file dropped in web mode gets a notice explaining to use "Open path"', async ({ appPage }) => {
    await expect(appPage.getByRole('main', { name: '01_plain_conversation.json' })).toBeVisible()
    await appPage.evaluate(() => {
      const data = new DataTransfer()
      data.items.add(new File(['{}'], 'memory.json', { type: 'application/json' }))
      window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, cancelable: true }))
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }))
    })
    const notices = appPage.getByRole('region', { name: 'Notifications' })
    await expect(notices).toContainText('Cannot open memory.json by drag and drop')
    await expect(notices).toContainText('Open path')
    await expect(appPage.getByLabel('Open path', { exact: true })).toBeFocused()
  })
})

test.describe('a folder given at start', () => {
  test.use({ appArgs: [FIXTURES] })

  test('opens every memory file in it, recursively, into a sortable, filterable documents table', async ({
    appPage,
  }) => {
    const table = appPage.getByRole('table', { name: 'Documents' })
    await expect(table.getByRole('row')).toHaveCount(1 + 29) // 18 at the top, 1 in invalid/, 10 in load_inputs_handmade/
    await expect(table.getByRole('columnheader', { name: 'memory_type' })).toBeVisible()
    await expect(
      table.getByRole('cell', { name: 'truncated_by_failed_save.json', exact: true }),
    ).toBeVisible()

    await table.getByRole('button', { name: 'Messages', exact: true }).click()
    await table.getByRole('button', { name: 'Messages', exact: true }).click()
    await expect(table.getByRole('columnheader', { name: /Messages/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    )
    await expect(table.getByRole('row').nth(1)).toContainText('12_large_20000.json')
    await expect(table.getByRole('row').nth(1)).toContainText('20,001')

    await appPage.getByLabel('Filter documents').fill('_kg')
    await expect(table.getByRole('row')).toHaveCount(1 + 2) // 10_kg_facts, 11c_empty_kg
    await table.getByRole('button', { name: '10_kg_facts.json' }).click()
    await expect(appPage.getByRole('main', { name: '10_kg_facts.json' })).toBeVisible()
  })
})

test.describe('a file that does not parse', () => {
  test.use({ appArgs: [fixture('invalid/truncated_by_failed_save.json')] })

  test('shows its error view with path, line and column, the marked line and a caret', async ({
    appPage,
  }) => {
    const view = appPage.getByRole('region', { name: 'File error' })
    await expect(view).toBeVisible()
    await expect(view).toContainText(fixture('invalid/truncated_by_failed_save.json'))
    await expect(view.locator('.error-position')).toHaveText('line 17, column 19')
    const source = view.getByRole('group', { name: 'Source around line 17' })
    await expect(source.locator('[aria-current="true"]')).toContainText('"when":')
    await expect(source.getByLabel('column 19')).toContainText('^')
    await expect(view).toContainText('MARSYS')
    await expect(view).toContainText('cannot load this file')
  })
})
