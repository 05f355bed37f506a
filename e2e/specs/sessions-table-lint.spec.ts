import { expect, test } from '../support/app'
import { openSessionFromList } from '../support/sessionsUi'
import { appendMessages, callApi, seedMessages } from '../support/sessionApi'

test('a store session opens in the Table view: its rows, and the selected one in the detail pane', async ({
  appPage,
}) => {
  await callApi(appPage, 'session.create', { session_id: 'tabled' })
  await seedMessages(appPage, 'tabled', 6)
  const main = await openSessionFromList(appPage, 'tabled')

  await main.getByRole('button', { name: 'Table', exact: true }).click()
  const table = main.getByRole('table', { name: 'Messages' })
  await expect(table).toHaveAttribute('aria-rowcount', String(1 + 6))
  await expect(main.getByRole('status').filter({ hasText: /messages$/ })).toHaveText('6 messages')
  const row = (position: number) => table.locator(`[role=row][aria-rowindex="${position + 2}"]`)
  await expect(row(0)).toContainText('user')
  await expect(row(0)).toContainText('Message 0 text')
  await expect(row(3)).toContainText('assistant')
  await expect(row(3)).toContainText('Message 3 text')

  const pane = main.getByRole('region', { name: 'Selected message' })
  await expect(pane).toContainText('Select a row')
  await row(3).click()
  await expect(row(3)).toHaveAttribute('aria-selected', 'true')
  const card = pane.getByRole('article')
  await expect(card).toHaveAttribute('aria-label', /^Message 3, assistant/)
  await expect(card).toContainText('Message 3 text')
  await appPage.keyboard.press('ArrowDown')
  await expect(card).toHaveAttribute('aria-label', /^Message 4, user/)
  await expect(card).toContainText('Message 4 text')
})

test('lint on a session: an orphan tool result shows in the Lint count, the panel and the table', async ({
  appPage,
}) => {
  await callApi(appPage, 'session.create', { session_id: 'linted' })
  const messages = [
    { role: 'user', content: 'What is the weather in Oslo?' },
    { role: 'assistant', content: 'Let me check.' },
    { role: 'tool', content: '{"temp": 4}', tool_call_id: 'call_nobody_made' },
  ]
  await appendMessages(appPage, 'linted', () =>
    messages.map((message) => ({ json: JSON.stringify(message) })),
  )
  const main = await openSessionFromList(appPage, 'linted')

  const button = main.getByRole('button', { name: /^Lint \(/ })
  await expect(button).toHaveAccessibleName('Lint (1 warning)')
  await expect(main.getByTestId('lint-problems')).toHaveText('1')
  await button.click()
  const lint = appPage.getByRole('complementary', { name: 'Lint' })
  await expect(lint.getByRole('status')).toHaveText('1 warning')
  const finding = lint.getByRole('list', { name: 'Problems' }).getByRole('listitem')
  await expect(finding).toHaveCount(1)
  await expect(finding).toContainText('Tool result #2 answers no earlier tool call')

  await finding.getByRole('button').first().click()
  await expect(main.getByRole('article', { name: /^Message 2, tool/ })).toHaveAttribute(
    'aria-current',
    'true',
  )

  await main.getByRole('button', { name: 'Table', exact: true }).click()
  const row = main.getByRole('table', { name: 'Messages' }).locator('[role=row][aria-rowindex="4"]')
  await expect(row.getByRole('cell').last()).toHaveText('orphan result')
})
