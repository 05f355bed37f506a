import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test as base } from '../support/app'
import { copiedPaths } from '../support/editing'
import { docsScreenshot } from '../support/docsScreenshot'

// A fake key in the OpenAI format: the app must find it, redact it as one edit, and undo must bring it back.
const FAKE_KEY = 'sk-proj-E2eFake0123456789abcdefghijklmnopqrst'

const test = base.extend<{ copies: string[]; written: boolean }>({
  copies: [[], { option: true }],
  written: [false, { option: true }],
  appArgs: async ({ workDir, copies, written }, use) => {
    const paths = copiedPaths(workDir, copies)
    if (written) {
      const path = join(workDir, 'leaky_memory.json')
      const call = (id: string) => ({
        id,
        type: 'function',
        function: { name: 'web_search', arguments: '{"query": "deploy checklist"}' },
      })
      const messages = [
        { role: 'system', content: 'You are a deployment helper for Ada Lovelace at Acme Corp in London.' },
        { role: 'user', content: `Deploy with my key ${FAKE_KEY} please.` },
        ...[1, 2, 3].flatMap((n) => [
          { role: 'assistant', content: null, tool_calls: [call(`call_${n}`)] },
          {
            role: 'tool',
            tool_call_id: `call_${n}`,
            name: 'web_search',
            content: 'Error: rate limit exceeded',
          },
        ]),
        { role: 'assistant', content: 'Deployed to London.' },
      ]
      writeFileSync(path, JSON.stringify({ memory_type: 'conversation_history', messages }, null, 2))
      paths.push(path)
    }
    await use(paths)
  },
})

test.describe('insights', () => {
  test.use({ written: true })

  test('the panel explains a file; a redaction runs as one edit and undo brings the key back', async ({
    appPage,
  }) => {
    await appPage.emulateMedia({ colorScheme: 'light' })
    const main = appPage.getByRole('main', { name: 'leaky_memory.json' })
    await expect(main.getByTestId('message-count')).toHaveText('9 messages')
    await main.getByRole('button', { name: /^Insights/ }).click()
    const panel = appPage.getByRole('complementary', { name: 'Insights' })
    const actions = panel.getByRole('region', { name: 'Suggested actions' })
    await expect(actions).toContainText('secret-looking strings in 1 message')
    await expect(actions).toContainText('web_search failed 3 times in a row')
    await expect(actions).toContainText('web_search called 3 times with the same arguments')
    const tools = panel.getByRole('region', { name: 'Tool usage' })
    await expect(tools.getByRole('table', { name: 'Tools' })).toContainText('web_search')
    await expect(main.getByText(FAKE_KEY)).toHaveCount(1)

    await docsScreenshot(appPage, 'insights')
    // A figure links to its message.
    await tools.getByRole('button', { name: 'Go to message 5' }).first().click()
    await expect(main.getByRole('article', { name: /^Message 5, tool/ })).toHaveAttribute(
      'aria-current',
      'true',
    )

    await actions.getByRole('button', { name: /^Redact…: secret-looking/ }).click()
    const preview = panel.getByRole('region', { name: 'Redaction preview' })
    await expect(preview.getByRole('table', { name: 'Secrets to redact' })).toContainText('openai-key')
    await expect(preview).toContainText('$.messages[1].content')
    await expect(preview).not.toContainText(FAKE_KEY)
    await preview.getByRole('button', { name: 'Apply redaction' }).click()
    await expect(main.getByText(FAKE_KEY)).toHaveCount(0)
    await expect(main.getByText(/\[REDACTED:openai-key\]/)).toHaveCount(1)
    await expect(panel.getByRole('region', { name: 'Secrets' })).toContainText('No secret-looking strings.')

    await main.getByRole('toolbar', { name: 'Editing' }).getByRole('button', { name: 'Undo' }).click()
    await expect(main.getByText(FAKE_KEY)).toHaveCount(1)
    await expect(main.getByRole('toolbar', { name: 'Editing' })).toContainText('No unsaved edits')
    await expect(actions).toContainText('secret-looking strings in 1 message')
  })
})

test.describe('knowledge graph', () => {
  test.use({ copies: ['10_kg_facts.json'] })

  test('draws a kg file’s facts; a node reached by keyboard shows its messages', async ({ appPage }) => {
    await appPage.emulateMedia({ colorScheme: 'light' })
    const main = appPage.getByRole('main', { name: '10_kg_facts.json' })
    await main.getByRole('button', { name: /^Insights/ }).click()
    const panel = appPage.getByRole('complementary', { name: 'Insights' })
    await expect(panel.getByRole('tab', { name: 'Graph' })).toHaveAttribute('aria-selected', 'true')
    const graph = panel.getByRole('group', { name: 'Knowledge graph' })
    const paris = graph.getByRole('button', { name: /^Paris \(/ })
    await expect(paris).toBeVisible()
    await paris.focus()
    await appPage.keyboard.press('Enter')
    const focus = panel.getByRole('region', { name: 'Node Paris' })
    await expect(focus.getByRole('button', { name: 'Go to message 1' })).toBeVisible()
    await expect(main.getByRole('article', { name: /^Message 1, user/ })).toHaveAttribute(
      'aria-current',
      'true',
    )
    await docsScreenshot(appPage, 'insights-graph')
    await panel.getByText('The graph as a list').click()
    await expect(panel.getByRole('list', { name: 'Graph nodes' })).toContainText('is → the capital of France')
  })
})
