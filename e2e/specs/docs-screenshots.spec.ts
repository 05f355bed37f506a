import { writeFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, test } from '../support/app'
import { copiedPaths, copyPath, readText } from '../support/editing'
import { callApi, sessionDocument } from '../support/sessionApi'
import { openSessionsPage } from '../support/sessionsUi'
import { docsScreenshot, MAKING_SCREENSHOTS } from '../support/docsScreenshot'

/** The README's pictures, made on demand: `MI_SCREENSHOTS=1 npx playwright test … docs-screenshots`. */
test.skip(!MAKING_SCREENSHOTS, 'makes the README screenshots only when MI_SCREENSHOTS is set')

const CONVERSATION = [
  { role: 'system', content: 'You are the support agent of Acme Cloud. Be brief; use the tools.' },
  { role: 'user', content: 'My deploy to eu-west failed twice this morning. Can you check what happened?' },
  {
    role: 'assistant',
    content: 'Let me look at the deploy log.',
    tool_calls: [
      {
        id: 'call_deploys',
        type: 'function',
        function: { name: 'list_deploys', arguments: '{"region": "eu-west", "since": "08:00"}' },
      },
    ],
  },
  {
    role: 'tool',
    tool_call_id: 'call_deploys',
    name: 'list_deploys',
    content: '{"deploys": [{"id": "d-812", "status": "failed", "reason": "quota exceeded"}]}',
  },
  {
    role: 'assistant',
    content:
      'Both attempts stopped on **quota exceeded** for eu-west. I can raise the quota or retry in eu-central.',
  },
  { role: 'user', content: 'Raise the quota, please, and retry.' },
  { role: 'assistant', content: 'Done: quota raised to 40 vCPU, deploy d-813 is running.' },
]

async function seed(page: Page): Promise<void> {
  await callApi(page, 'session.create', {
    session_id: 'support-4711',
    user_id: 'dana',
    agent_id: 'support-bot',
    tags: ['billing', 'eu-west'],
  })
  await callApi(page, 'session.create', { session_id: 'onboarding-88', user_id: 'lee', status: 'paused' })
  await callApi(page, 'session.create', { session_id: 'weekly-report', user_id: 'dana', agent_id: 'analyst' })
  const id = await sessionDocument(page, 'support-4711')
  const { revision } = await callApi<{ revision: number }>(page, 'document.state', { id })
  await callApi(page, 'document.edit', {
    id,
    revision,
    commands: CONVERSATION.map((message, index) => ({ op: 'insert', index, json: JSON.stringify(message) })),
  })
  await callApi(page, 'session.summarize', { id: 'support-4711', force: true })
  await callApi(page, 'document.close', { id })
}

test('sessions: the Sessions page, and a session open in a tab with its panel', async ({ appPage }) => {
  await appPage.emulateMedia({ colorScheme: 'light' })
  await appPage.setViewportSize({ width: 1440, height: 900 })
  await seed(appPage)

  const list = await openSessionsPage(appPage)
  await expect(list.getByRole('table', { name: 'Sessions' }).getByRole('row')).toHaveCount(4)
  await docsScreenshot(appPage, 'sessions-list')

  await list.getByRole('button', { name: 'support-4711', exact: true }).click()
  const main = appPage.getByRole('main', { name: 'support-4711', exact: true })
  await main.getByRole('button', { name: 'Session', exact: true }).click()
  await expect(
    appPage.getByRole('complementary', { name: 'Session' }).getByTestId('session-summary'),
  ).toBeVisible()
  await main.getByRole('article', { name: /^Message 2, assistant/ }).click()
  await expect(main.getByRole('article', { name: /^Message 3, tool/ })).toContainText('quota exceeded')
  await docsScreenshot(appPage, 'sessions')
})

/** The README's browse and edit pictures: a folder of MARSYS fixtures, one broken file among them. */
const files = test.extend<{ copies: string[] }>({
  copies: [
    [
      '03_tool_calls.json',
      '07_dict_and_list_content.json',
      '05_images.json',
      '13_agent_state_with_planning.json',
      'invalid/truncated_by_failed_save.json',
    ],
    { option: true },
  ],
  appArgs: async ({ workDir, copies }, use) => use(copiedPaths(workDir, copies)),
})

const tabStrip = (page: Page) => page.getByRole('navigation', { name: 'Pages and open documents' })
const showTab = (page: Page, name: string) =>
  tabStrip(page).getByRole('button', { name, exact: true }).click()

files(
  'files: timeline, table with lint, search, editing, a save conflict, an error view',
  async ({ appPage, workDir }) => {
    files.setTimeout(180_000)
    await appPage.emulateMedia({ colorScheme: 'light' })
    await appPage.setViewportSize({ width: 1440, height: 900 })
    const shot = (name: string) => docsScreenshot(appPage, name)

    await showTab(appPage, '03_tool_calls.json')
    const tools = appPage.getByRole('main', { name: '03_tool_calls.json' })
    const call = tools.getByRole('article', { name: /^Message 2, assistant/ })
    await call.getByText('Result #3 inline').click()
    await expect(call).toContainText('cloudy')
    await shot('timeline')

    await showTab(appPage, '07_dict_and_list_content.json')
    const dict = appPage.getByRole('main', { name: '07_dict_and_list_content.json' })
    await dict.getByRole('group', { name: 'View' }).getByRole('button', { name: 'Table' }).click()
    await dict.getByRole('button', { name: /^Lint/ }).click()
    const lint = appPage.getByRole('complementary', { name: 'Lint' })
    await lint.getByRole('button', { name: /Tool result #7/ }).click()
    await expect(dict.getByRole('region', { name: 'Selected message' })).toContainText('orphan result')
    await shot('table-lint')

    await showTab(appPage, '03_tool_calls.json')
    await appPage.getByRole('combobox', { name: 'Search scope' }).selectOption('all')
    const search = appPage.getByRole('searchbox', { name: 'Search', exact: true })
    await search.fill('weather')
    await search.press('Enter')
    const results = appPage.getByRole('complementary', { name: 'Search' })
    await expect(results.getByRole('status')).toContainText('results')
    await shot('search')
    await results.getByRole('button', { name: 'Close Search panel' }).click()

    const user = tools.getByRole('article', { name: /^Message 1, user/ })
    await user.getByRole('button', { name: 'Edit', exact: true }).click()
    await user.getByLabel('Content text').fill('Weather in Lyon and Geneva, then convert 25 C to F.')
    await shot('editing')
    await user.getByRole('button', { name: 'Apply' }).click()
    await expect(user.locator('.text-raw')).toContainText('Lyon')

    const filePath = copyPath(workDir, '03_tool_calls.json')
    writeFileSync(
      filePath,
      readText(filePath).replace('Weather in Paris and Berlin, then convert 20 C to F.', 'Weather in Oslo.'),
    )
    await expect(tools.getByRole('alert').filter({ hasText: 'changed on disk' })).toBeVisible()
    await tools
      .getByRole('toolbar', { name: 'Editing' })
      .getByRole('button', { name: 'Save', exact: true })
      .click()
    const conflict = appPage.getByRole('dialog', { name: 'File changed on disk' })
    await expect(conflict).toBeVisible()
    await expect(conflict.getByRole('region', { name: 'Differences' })).toContainText('changed', {
      timeout: 30_000,
    })
    await shot('save-conflict')
    await conflict.getByRole('button', { name: 'Cancel' }).click()
    const notices = appPage.getByRole('region', { name: 'Notifications' })
    for (const dismiss of await notices.getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click()

    await showTab(appPage, 'truncated_by_failed_save.json')
    await expect(appPage.getByRole('region', { name: 'File error' })).toBeVisible()
    await shot('error-view')
  },
)
