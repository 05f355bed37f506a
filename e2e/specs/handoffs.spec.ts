import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, test as base } from '../support/app'
import { fixture } from '../support/marsysFixtures'
import { docsScreenshot } from '../support/docsScreenshot'

/**
 * A Planner agent's memory as MARSYS writes it: hand-offs are `invoke_agent` tool calls whose arguments hold an
 * `invocations` list (two at once run in parallel), each answered by MARSYS's synthetic "Control delegated" tool
 * message. None of the repository's fixtures has one, so the test writes the file (same layout MARSYS saves).
 */
const invokeAgent = (id: string, invocations: { agent_name: string; request: string }[]) => ({
  id,
  type: 'function',
  function: { name: 'invoke_agent', arguments: JSON.stringify({ invocations }) },
})
const delegated = (id: string, to: string) => ({
  role: 'tool',
  content: `Control delegated to ${to}. Current agent's turn complete.`,
  tool_call_id: id,
  name: 'invoke_agent',
})
const MESSAGES = [
  { role: 'system', content: 'You are the Planner. Delegate research and writing to your team.' },
  { role: 'user', content: 'Write a short report on solar panels in Spain.' },
  {
    role: 'assistant',
    content: null,
    tool_calls: [
      invokeAgent('call_h1', [
        { agent_name: 'Researcher', request: 'Collect the 2025 solar installation figures for Spain.' },
        { agent_name: 'Analyst', request: 'Compare panel prices in Spain and Portugal.' },
      ]),
    ],
    name: 'Planner',
  },
  delegated('call_h1', 'Researcher, Analyst'),
  { role: 'user', content: 'Researcher: 8.2 GW installed in 2025. Analyst: prices 6% lower than Portugal.' },
  {
    role: 'assistant',
    content: null,
    tool_calls: [
      invokeAgent('call_h2', [{ agent_name: 'Writer', request: 'Write the report from these notes.' }]),
    ],
    name: 'Planner',
  },
  delegated('call_h2', 'Writer'),
  { role: 'assistant', content: 'The report is ready.', name: 'Planner' },
]

const test = base.extend({
  appArgs: async ({ workDir }, use) => {
    const path = join(workDir, 'planner_memory.json')
    writeFileSync(
      path,
      JSON.stringify(
        { memory_type: 'conversation_history', messages: MESSAGES, timestamp: 1764000000.0 },
        null,
        2,
      ),
    )
    await use([path])
  },
})

test('a hand-off shows on its card; the hand-off view lists who delegated to whom and jumps to one', async ({
  appPage,
}) => {
  await appPage.emulateMedia({ colorScheme: 'light' })
  const main = appPage.getByRole('main', { name: 'planner_memory.json' })
  await expect(main.getByTestId('message-count')).toHaveText('8 messages')

  // The card shows each parallel invocation's agent and request.
  const card = main.getByRole('article', { name: /^Message 2, assistant/ })
  const handoffs = card.getByRole('group', { name: 'Hand-offs' })
  await expect(handoffs).toContainText('Hands off to 2 agents in parallel')
  await expect(handoffs.getByRole('listitem', { name: 'Hand-off to Researcher' })).toContainText(
    'Collect the 2025 solar installation figures for Spain.',
  )
  await expect(handoffs.getByRole('listitem', { name: 'Hand-off to Analyst' })).toContainText(
    'Compare panel prices in Spain and Portugal.',
  )

  // So does the table's detail pane.
  await main.getByRole('button', { name: 'Table', exact: true }).click()
  await main
    .getByRole('table', { name: 'Messages' })
    .getByRole('row')
    .filter({ hasText: 'Write the report from these notes' })
    .click()
  const detail = main.getByRole('region', { name: 'Selected message' })
  await expect(detail.getByRole('listitem', { name: 'Hand-off to Writer' })).toContainText(
    'Write the report from these notes.',
  )
  await main.getByRole('button', { name: 'Timeline', exact: true }).click()

  await main.getByRole('button', { name: 'Hand-offs', exact: true }).click()
  const panel = appPage.getByRole('complementary', { name: 'Hand-offs' })
  await expect(panel).toContainText('3 hand-offs between 4 agents', { timeout: 30_000 })
  const delegations = panel.getByRole('table', { name: 'Delegations' })
  await expect(delegations.getByRole('row')).toHaveCount(4)
  await expect(delegations).toContainText('Planner→ Writer1')
  const list = panel.getByRole('list', { name: 'Hand-off list' })
  await expect(list.getByRole('button')).toHaveCount(3)
  await expect(list.getByRole('button').first()).toHaveAccessibleName(
    '#2 Planner → Researcher (with Analyst) answered in #3 Collect the 2025 solar installation figures for Spain.',
  )
  await docsScreenshot(appPage, 'handoffs')

  const accessibility = await new AxeBuilder({ page: appPage }).include('aside').analyze()
  expect(accessibility.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])

  // Keyboard: focus the Writer hand-off and press Enter to go to its message.
  const writer = list.getByRole('button', { name: /^#5 Planner → Writer/ })
  await writer.focus()
  await appPage.keyboard.press('Enter')
  await expect(main.getByRole('article', { name: /^Message 5, assistant/ })).toHaveAttribute(
    'aria-current',
    'true',
  )
})

base.describe('a conversation without hand-offs', () => {
  base.use({ appArgs: [fixture('03_tool_calls.json')] })

  base('says so, and what counts as one', async ({ appPage }) => {
    const main = appPage.getByRole('main', { name: '03_tool_calls.json' })
    await main.getByRole('button', { name: 'Hand-offs', exact: true }).click()
    const panel = appPage.getByRole('complementary', { name: 'Hand-offs' })
    await expect(panel).toContainText('No hand-offs in this conversation', { timeout: 30_000 })
    await expect(panel).toContainText('A hand-off is an invoke_agent tool call')
  })
})
