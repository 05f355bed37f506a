import type { Locator, Page } from '@playwright/test'
import { expect, test } from '../support/app'
import { fixture } from '../support/marsysFixtures'
import { callApi } from '../support/sessionApi'
import { docsScreenshot } from '../support/docsScreenshot'

interface Row {
  index: number
  role: string
  tokens: number
}

const count = (n: number): string => n.toLocaleString('en-US')

async function documentId(page: Page, name: string): Promise<string> {
  const list = await callApi<{ id: string; name: string }[]>(page, 'document.list', {})
  const found = list.find((doc) => doc.name === name)
  if (!found) throw new Error(`${name} is not open`)
  return found.id
}

/** Clicks the bar of message `index` (the x scale spans -0.5 … n-0.5, so bar i sits at (i+0.5)/n). */
async function clickBar(chart: Locator, index: number, total: number): Promise<void> {
  const over = chart.locator('.u-over')
  const box = await over.boundingBox()
  if (!box) throw new Error('the chart has no plot area')
  await over.click({ position: { x: ((index + 0.5) / total) * box.width, y: box.height - 4 } })
}

/** What the summary must say, from main's own figures for the document (its index, not the token channels). */
async function expectedSummary(page: Page, id: string): Promise<string[]> {
  const summary = await callApi<{ marsysTokens: number; messageCount: number }>(page, 'document.summary', {
    id,
  })
  const { rows } = await callApi<{ rows: Row[] }>(page, 'document.rows', {
    id,
    offset: 0,
    limit: 1,
    sort: { column: 'tokens', descending: true },
  })
  return [
    `${count(summary.messageCount)} messages, ${count(summary.marsysTokens)} MARSYS tokens in total`,
    `Largest: message ${rows[0].index} (${rows[0].role}), ${count(rows[0].tokens)} tokens.`,
    "MARSYS's threshold of 150,000 tokens is not crossed.",
  ]
}

test.describe('a file', () => {
  test.use({ appArgs: [fixture('03_tool_calls.json')] })

  test('shows the chart with a right summary; a bar click selects its message; the budget follows the model', async ({
    appPage,
  }) => {
    const main = appPage.getByRole('main', { name: '03_tool_calls.json' })
    await main.getByRole('button', { name: 'Tokens' }).click()
    const panel = appPage.getByRole('complementary', { name: 'Tokens' })
    const chart = panel.getByRole('img', { name: /MARSYS tokens per message/ })
    await expect(chart.locator('canvas')).toBeVisible()

    const id = await documentId(appPage, '03_tool_calls.json')
    const [totals, largest, threshold] = await expectedSummary(appPage, id)
    const summary = panel.getByTestId('tokens-summary')
    await expect(summary).toContainText(totals)
    await expect(summary).toContainText(largest)
    await expect(summary).toContainText(threshold)

    await clickBar(chart, 6, 11)
    await expect(main.getByRole('article', { name: /^Message 6, tool/ })).toHaveAttribute(
      'aria-current',
      'true',
    )
    await expect(panel.getByTestId('chart-hover')).toContainText('Message 6 (tool)')

    await panel.getByLabel('Model').selectOption('gpt-4o')
    await expect(panel.getByTestId('budget-status')).toContainText('of 128,000 tokens')
    await expect(panel.getByTestId('budget-status')).toContainText("gpt-4o's window")
    await panel.getByLabel('Model').selectOption('gpt-5')
    await expect(panel.getByTestId('budget-status')).toContainText('of 400,000 tokens')
    await expect(panel.getByTestId('budget-status')).toContainText("gpt-5's window")
    await expect(panel.getByTestId('tokens-cost')).toContainText('to gpt-5')

    await appPage.emulateMedia({ colorScheme: 'light' })
    await panel.getByLabel('Model').selectOption('gpt-4o')
    await expect(panel.getByTestId('budget-status')).toContainText("gpt-4o's window")
    await docsScreenshot(appPage, 'tokens')

    // Quick actions are undoable edits: delete the largest message, then undo.
    const top = panel.getByRole('region', { name: 'Biggest messages' })
    await top.getByRole('button', { name: 'Delete message 4' }).click()
    await expect(summary).toContainText('10 messages')
    await expect(top.getByRole('button', { name: 'Truncate tool result 3' })).toBeVisible()
    await top.getByRole('button', { name: 'Truncate tool result 3' }).click()
    await expect(top.getByRole('alert')).toContainText('already within 1,200 tokens')
    await main.getByRole('button', { name: 'Undo' }).click()
    await expect(summary).toContainText(totals)
  })
})

test('shows the chart of a store session, and the Usage page lists it', async ({ appPage }) => {
  await callApi(appPage, 'session.create', { session_id: 'token-chat' })
  const opened = await callApi<{ id: string; revision: number }>(appPage, 'session.open', {
    id: 'token-chat',
  })
  const texts = ['Hello there', 'Hi! How can I help you today with your trip?', 'Book a flight to Paris.']
  await callApi(appPage, 'document.edit', {
    id: opened.id,
    revision: opened.revision,
    commands: texts.map((text, index) => ({
      op: 'insert',
      index,
      role: index % 2 === 0 ? 'user' : 'assistant',
      text,
    })),
  })
  await appPage.getByRole('button', { name: 'Usage', exact: true }).click()
  const usage = appPage.getByRole('main', { name: 'Token usage' })
  const row = usage.getByRole('row').filter({ has: appPage.getByRole('button', { name: 'token-chat' }) })
  await expect(row.getByRole('cell').first()).toHaveText('3')
  await row.getByRole('button', { name: 'token-chat' }).click()

  const main = appPage.getByRole('main', { name: 'token-chat' })
  await main.getByRole('button', { name: 'Tokens' }).click()
  const panel = appPage.getByRole('complementary', { name: 'Tokens' })
  await expect(panel.getByRole('img', { name: /MARSYS tokens per message/ }).locator('canvas')).toBeVisible()
  const [totals, largest] = await expectedSummary(appPage, opened.id)
  await expect(panel.getByTestId('tokens-summary')).toContainText(totals)
  await expect(panel.getByTestId('tokens-summary')).toContainText(largest)
})
