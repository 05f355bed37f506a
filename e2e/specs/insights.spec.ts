import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test as base } from '../support/app'
import { copiedPaths } from '../support/editing'
import { docsScreenshot } from '../support/docsScreenshot'
import { checkScreenInBothThemes } from '../support/axe'
import { callApi, sessionDocument } from '../support/sessionApi'
import { openSessionsPage } from '../support/sessionsUi'

// A fake key in the OpenAI format: the app must find it, redact it as one edit, and undo must bring it back.
const FAKE_KEY = 'sk-proj-E2eFake0123456789abcdefghijklmnopqrst'

const test = base.extend<{ copies: string[]; written: boolean; entityFile: boolean }>({
  copies: [[], { option: true }],
  written: [false, { option: true }],
  entityFile: [false, { option: true }],
  appArgs: async ({ workDir, copies, written, entityFile }, use) => {
    const paths = copiedPaths(workDir, copies)
    if (entityFile) {
      // One of each kind the patterns find, and names for the language model.
      const path = join(workDir, 'entities_memory.json')
      const messages = [
        { role: 'user', content: 'Ada Lovelace asked to deploy https://example.com/release on 2024-03-01.' },
        {
          role: 'assistant',
          content: 'I read /etc/deploy/config.yaml for run 3f2b9c1e-8a7d-4e5f-9b0c-1d2e3f4a5b6c.',
        },
        { role: 'user', content: 'Thanks. Ada Lovelace will check https://example.com/release tomorrow.' },
      ]
      writeFileSync(path, JSON.stringify({ memory_type: 'conversation_history', messages }, null, 2))
      paths.push(path)
    }
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

test.describe('entities', () => {
  test.use({ entityFile: true })

  test('the graph view lists every kind of entity, each linked to its messages', async ({ appPage }) => {
    await appPage.emulateMedia({ colorScheme: 'light' })
    const main = appPage.getByRole('main', { name: 'entities_memory.json' })
    await main.getByRole('button', { name: /^Insights/ }).click()
    const panel = appPage.getByRole('complementary', { name: 'Insights' })
    await panel.getByRole('tab', { name: 'Graph' }).click()
    const list = panel.getByRole('region', { name: 'Entities' })
    const table = list.getByRole('table', { name: 'Entities by kind' })
    const row = (kind: string, text: string) =>
      table
        .getByRole('row')
        .filter({ has: appPage.getByRole('cell', { name: kind, exact: true }) })
        .filter({
          hasText: text,
        })
    await expect(row('person', 'Ada Lovelace').getByRole('cell').nth(2)).toHaveText('2', { timeout: 30_000 })
    await expect(row('URL', 'https://example.com/release')).toHaveCount(1)
    await expect(row('date', '2024-03-01')).toHaveCount(1)
    await expect(row('file path', '/etc/deploy/config.yaml')).toHaveCount(1)
    await expect(row('id', '3f2b9c1e-8a7d-4e5f-9b0c-1d2e3f4a5b6c')).toHaveCount(1)

    // Keyboard: the link to a message is reachable and goes there.
    const link = row('file path', '/etc/deploy/config.yaml').getByRole('button', { name: 'Go to message 1' })
    await link.focus()
    await appPage.keyboard.press('Enter')
    await expect(main.getByRole('article', { name: /^Message 1, assistant/ })).toHaveAttribute(
      'aria-current',
      'true',
    )
    await list.scrollIntoViewIfNeeded()
    await docsScreenshot(appPage, 'insights-entities')
    await checkScreenInBothThemes(appPage, 'insights graph with entities')
    await list.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'URLs (1)' })
    await expect(table.getByRole('row')).toHaveCount(2)

    // Without an endpoint in Settings, "Use LLM" says so once and keeps the offline entities.
    await panel.getByRole('switch', { name: 'Use LLM' }).check()
    await expect(panel.getByRole('group', { name: 'LLM entities' }).getByRole('alert')).toContainText(
      'no LLM base URL: save it in Settings',
    )
    await expect(row('URL', 'https://example.com/release')).toHaveCount(1)
    await checkScreenInBothThemes(appPage, 'insights graph with an LLM error')
  })
})

test.describe('store insights', () => {
  test('the Sessions page shows the whole store’s insights, each session a link', async ({ appPage }) => {
    await appPage.emulateMedia({ colorScheme: 'light' })
    for (const [id, text] of [
      ['leaky-session', `Deploy with ${FAKE_KEY} now.`],
      ['calm-session', 'What is the capital of France?'],
    ]) {
      await callApi(appPage, 'session.create', { session_id: id })
      const docId = await sessionDocument(appPage, id)
      await callApi(appPage, 'document.edit', {
        id: docId,
        revision: 0,
        commands: [{ op: 'insert', index: 0, role: 'user', text }],
      })
    }
    const page = await openSessionsPage(appPage)
    const button = page.getByRole('button', { name: 'Insights for the whole store' })
    await button.click()
    await expect(button).toHaveAttribute('aria-expanded', 'true')
    const view = page.getByRole('region', { name: 'Store insights' })
    await expect(view).toContainText('2 of 2 sessions read', { timeout: 30_000 })
    const across = view.getByRole('list', { name: 'Insights across the store' })
    await expect(across.getByRole('listitem').filter({ hasText: 'Secret-looking strings' })).toContainText(
      '1 of 2 conversations',
    )
    const perSession = view.getByRole('table', { name: 'Suggested actions per session' })
    await expect(perSession).toContainText('secret-looking strings in 1 message')
    await expect(view).not.toContainText(FAKE_KEY)
    await docsScreenshot(appPage, 'insights-store')
    await checkScreenInBothThemes(appPage, 'store insights')
    await perSession.getByRole('button', { name: 'Open session leaky-session' }).click()
    await expect(appPage.getByRole('main', { name: 'leaky-session', exact: true })).toBeVisible()
  })
})
