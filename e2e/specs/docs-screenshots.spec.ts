import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '../support/app'
import { callApi, sessionDocument } from '../support/sessionApi'
import { openSessionsPage } from '../support/sessionsUi'
import { ROOT } from '../support/webServer'

/** The README's pictures of sessions, made on demand: `MI_SCREENSHOTS=1 npx playwright test … docs-screenshots`. */
test.skip(!process.env.MI_SCREENSHOTS, 'makes the README screenshots only when MI_SCREENSHOTS is set')

const SHOTS = join(ROOT, 'docs', 'screenshots')

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

async function seed(page: import('@playwright/test').Page): Promise<void> {
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
  mkdirSync(SHOTS, { recursive: true })
  await appPage.emulateMedia({ colorScheme: 'light' })
  await appPage.setViewportSize({ width: 1440, height: 900 })
  await seed(appPage)

  const list = await openSessionsPage(appPage)
  await expect(list.getByRole('table', { name: 'Sessions' }).getByRole('row')).toHaveCount(4)
  await appPage.screenshot({ path: join(SHOTS, 'sessions-list.png') })

  await list.getByRole('button', { name: 'support-4711', exact: true }).click()
  const main = appPage.getByRole('main', { name: 'support-4711', exact: true })
  await main.getByRole('button', { name: 'Session', exact: true }).click()
  await expect(
    appPage.getByRole('complementary', { name: 'Session' }).getByTestId('session-summary'),
  ).toBeVisible()
  await main.getByRole('article', { name: /^Message 2, assistant/ }).click()
  await expect(main.getByRole('article', { name: /^Message 3, tool/ })).toContainText('quota exceeded')
  await appPage.screenshot({ path: join(SHOTS, 'sessions.png') })
})
