import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '../support/app'
import { openSessionFromList } from '../support/sessionsUi'
import { fixture } from '../support/marsysFixtures'
import { callApi, seedMessages, sessionDocument } from '../support/sessionApi'

interface StoredMessage {
  role: string
  content: string
  metadata: Record<string, unknown>
}

/** The session as the store keeps it on disk (one file per session). */
const storedMessages = (workDir: string, id: string): StoredMessage[] =>
  (
    JSON.parse(readFileSync(join(workDir, 'data', 'session-store', 'sessions', `${id}.json`), 'utf8')) as {
      messages: StoredMessage[]
    }
  ).messages

test('adds and edits a tool call of a session message in the message editor; the store keeps it', async ({
  appPage,
  workDir,
}) => {
  await callApi(appPage, 'session.create', { session_id: 'tools' })
  await seedMessages(appPage, 'tools', 2)
  const main = await openSessionFromList(appPage, 'tools')
  const reply = main.getByRole('article', { name: /^Message 1, assistant/ })

  await reply.getByRole('button', { name: 'Edit', exact: true }).click()
  const editor = reply.getByRole('form', { name: 'Edit message 1' })
  await editor.getByRole('button', { name: 'Add tool call' }).click()
  const call = editor.getByRole('group', { name: 'Tool call 1' })
  await call.getByLabel('Tool call id').fill('call_oslo')
  await call.getByLabel('Function name').fill('get_weather')
  await call.getByLabel('Arguments').fill('{"city": "Oslo"}')
  await editor.getByRole('button', { name: 'Apply' }).click()
  const shown = reply.getByRole('listitem', { name: 'Tool call get_weather' })
  await expect(shown.getByLabel('Arguments of get_weather')).toHaveText('{\n  "city": "Oslo"\n}')

  await reply.getByRole('button', { name: 'Edit', exact: true }).click()
  await call.getByLabel('Arguments').fill('{"city": "Bergen"}')
  await editor.getByRole('button', { name: 'Apply' }).click()
  await expect(shown.getByLabel('Arguments of get_weather')).toHaveText('{\n  "city": "Bergen"\n}')
  await expect(
    main.getByRole('toolbar', { name: 'Editing' }).getByRole('button', { name: 'Undo' }),
  ).toHaveAttribute('title', /Edit tool call of #1/)

  // Through the API, the message as the conversation has it now…
  const docId = await sessionDocument(appPage, 'tools')
  const detail = await callApi<{ toolCalls: { id: string; name: string; arguments: string }[] }>(
    appPage,
    'document.message',
    { id: docId, index: 1 },
  )
  expect(detail.toolCalls).toEqual([
    expect.objectContaining({ id: 'call_oslo', name: 'get_weather', arguments: '{"city": "Bergen"}' }),
  ])
  // …and the store's own file, written at once (langswarm keeps tool calls in the message's metadata).
  const stored = storedMessages(workDir, 'tools')
  expect(stored).toHaveLength(2)
  expect(JSON.stringify(stored[1])).toContain('call_oslo')
  expect(JSON.stringify(stored[1])).toContain('Bergen')
})

test.describe('search across open documents, sessions included', () => {
  test.use({ appArgs: [fixture('01_plain_conversation.json')] })

  test('finds a message of an open session and jumps to it', async ({ appPage }) => {
    await callApi(appPage, 'session.create', { session_id: 'findme' })
    await seedMessages(appPage, 'findme', 40)
    await openSessionFromList(appPage, 'findme')
    // Back to the file: the hit is in another document.
    await appPage
      .getByRole('navigation', { name: 'Pages and open documents' })
      .getByRole('button', { name: '01_plain_conversation.json', exact: true })
      .click()

    await appPage.getByRole('combobox', { name: 'Search scope' }).selectOption('all')
    const search = appPage.getByRole('searchbox', { name: 'Search', exact: true })
    await search.fill('Message 33 text')
    await search.press('Enter')
    const results = appPage
      .getByRole('complementary', { name: 'Search' })
      .getByRole('list', { name: 'Search results' })
    const hit = results.getByRole('button', { name: /^findme/ })
    await expect(hit).toHaveCount(1)
    await expect(hit).toContainText('#33')
    await hit.click()

    const main = appPage.getByRole('main', { name: 'findme', exact: true })
    const found = main.getByRole('article', { name: 'Message 33, assistant' })
    await expect(found).toHaveAttribute('aria-current', 'true')
    await expect(found).toBeInViewport()
    await expect(found.locator('mark')).toHaveText(['Message 33 text'])
  })
})
