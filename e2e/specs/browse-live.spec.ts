import { readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { expect, test as base } from '../support/app'
import { copyFixtures, fixture } from '../support/marsysFixtures'

/** Starts the app on writable copies of fixtures in this test's work dir. */
const test = base.extend<{ copies: string[] }>({
  copies: [[], { option: true }],
  appArgs: async ({ workDir, copies }, use) => {
    const folder = copyFixtures(workDir, copies)
    await use(copies.map((name) => join(folder, basename(name))))
  },
})

test.describe('a broken save fixed on disk', () => {
  test.use({ copies: ['invalid/truncated_by_failed_save.json'] })

  test('reloads into a clean document, with a notice', async ({ appPage, workDir }) => {
    await expect(appPage.getByRole('region', { name: 'File error' })).toBeVisible()
    writeFileSync(
      join(workDir, 'files', 'truncated_by_failed_save.json'),
      readFileSync(fixture('01_plain_conversation.json')),
    )
    const main = appPage.getByRole('main', { name: 'truncated_by_failed_save.json' })
    await expect(main.getByRole('article', { name: /^Message 0, user/ })).toBeVisible()
    await expect(main.getByRole('region', { name: 'File error' })).toHaveCount(0)
    await expect(main.getByTestId('message-count')).toHaveText('4 messages')
    await expect(appPage.getByRole('region', { name: 'Notifications' })).toContainText(
      'changed on disk and was reloaded',
    )
  })
})

test.describe('a clean file edited on disk', () => {
  test.use({ copies: ['03_tool_calls.json'] })

  test('shows the new content without a manual reload', async ({ appPage, workDir }) => {
    const main = appPage.getByRole('main', { name: '03_tool_calls.json' })
    const first = main.getByRole('article', { name: /^Message 1, user/ })
    await expect(first).toContainText('Weather in Paris and Berlin')
    const path = join(workDir, 'files', '03_tool_calls.json')
    writeFileSync(
      path,
      readFileSync(path, 'utf8').replace('Weather in Paris and Berlin', 'Weather in Lisbon and Oslo'),
    )
    await expect(first).toContainText('Weather in Lisbon and Oslo')
    await expect(appPage.getByRole('region', { name: 'Notifications' })).toContainText(
      '03_tool_calls.json changed on disk and was reloaded',
    )
  })
})
