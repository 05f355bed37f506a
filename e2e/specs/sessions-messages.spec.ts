import { expect, test } from '../support/app'
import { openSessionFromList } from '../support/sessionsUi'
import { callApi, seedMessages, sessionDocument } from '../support/sessionApi'

test('pages through 520 messages to the end, fetching windows from main', async ({ appPage }) => {
  await callApi(appPage, 'session.create', { session_id: 'long-chat' })
  await seedMessages(appPage, 'long-chat', 520)
  const limits: number[] = []
  appPage.on('request', (request) => {
    if (request.url().endsWith('/api/document.rows'))
      limits.push((JSON.parse(request.postData() ?? '{}') as { limit: number }).limit)
  })

  const main = await openSessionFromList(appPage, 'long-chat')
  // A session opens as a document, in a tab marked ◆.
  const tab = appPage
    .getByRole('navigation', { name: 'Pages and open documents' })
    .getByRole('button', { name: 'session:long-chat' })
  await expect(tab).toHaveAttribute('aria-current', 'page')
  await expect(tab).toContainText('◆')
  await expect(main.getByTestId('message-count')).toHaveText('520 messages')
  const feed = main.getByRole('feed', { name: 'Timeline, 520 messages' })
  await expect(feed.getByRole('article', { name: 'Message 0, user' })).toContainText('Message 0 text')

  await feed.focus()
  await appPage.keyboard.press('End')
  const last = feed.getByRole('article', { name: 'Message 519, assistant' })
  await expect(last).toBeVisible()
  await expect(last).toContainText('Message 519 text')
  await expect(last).toHaveAttribute('aria-setsize', '520')
  await expect(last).toHaveAttribute('aria-current', 'true')

  // Virtualised and paged: a handful of cards in order, and no request for more than a window.
  const indices = await feed
    .getByRole('article')
    .evaluateAll((cards) => cards.map((card) => Number(card.getAttribute('data-index'))))
  expect(indices.length).toBeLessThan(60)
  expect(indices).toEqual(indices.map((_, i) => indices[0] + i))
  expect(limits.length).toBeGreaterThanOrEqual(2)
  expect(limits.every((limit) => limit <= 200)).toBe(true)

  // Scrolled to the middle by hand (a press on the scrollbar, then a drag), the messages there arrive too.
  await feed.evaluate((element) => {
    element.dispatchEvent(new PointerEvent('pointerdown'))
    element.scrollTop = element.scrollHeight / 2
  })
  await expect(feed.getByRole('article', { name: /^Message 26\d, / }).first()).toContainText(
    /Message 26\d text/,
  )

  await feed.focus()
  await appPage.keyboard.press('Home')
  await expect(feed.getByRole('article', { name: 'Message 0, user' })).toBeVisible()
})

test('edits a message, undoes and redoes it, moves, deletes and inserts messages, and summarizes', async ({
  appPage,
}) => {
  await callApi(appPage, 'session.create', { session_id: 'short-chat' })
  await seedMessages(appPage, 'short-chat', 8)
  const main = await openSessionFromList(appPage, 'short-chat')
  const count = main.getByTestId('message-count')
  await expect(count).toHaveText('8 messages')
  const message = (index: number) => main.getByRole('article', { name: new RegExp(`^Message ${index}, `) })
  // While the rows of a structure edit are on their way, a card may briefly show its message's new number
  // beside the stale card it replaces: wait until each number is on one card.
  const expectText = async (index: number, expected: string) => {
    await expect(message(index)).toHaveCount(1)
    await expect(message(index).locator('.text-raw')).toHaveText(expected)
  }

  await message(2).getByRole('button', { name: 'Edit', exact: true }).click()
  const editor = message(2).getByRole('form', { name: 'Edit message 2' })
  await editor.getByLabel('Content text').fill('Edited in the e2e test')
  await editor.getByRole('button', { name: 'Apply' }).click()
  await expectText(2, 'Edited in the e2e test')
  const toolbar = main.getByRole('toolbar', { name: 'Editing' })
  await expect(toolbar).toContainText('Each change is saved to the session store')
  const undo = toolbar.getByRole('button', { name: 'Undo' })
  const redo = toolbar.getByRole('button', { name: 'Redo' })
  await expect(undo).toHaveAttribute('title', 'Undo: Edit content of #2 (Ctrl/Cmd+Z)')

  // The keys act while the document has focus; each step is saved to the store at once.
  await message(2).click()
  await appPage.keyboard.press('ControlOrMeta+z')
  await expectText(2, 'Message 2 text')
  await expect(redo).toHaveAttribute('title', 'Redo: Edit content of #2 (Ctrl/Cmd+Shift+Z)')
  await appPage.keyboard.press('ControlOrMeta+Shift+z')
  await expectText(2, 'Edited in the e2e test')
  await undo.click()
  await expectText(2, 'Message 2 text')
  await redo.click()
  await expectText(2, 'Edited in the e2e test')

  await message(1).click()
  await message(1)
    .getByRole('toolbar', { name: 'Message 1 actions' })
    .getByRole('button', { name: 'Delete' })
    .click()
  await expect(count).toHaveText('7 messages')
  await expectText(1, 'Edited in the e2e test')

  // Two selected messages move down together, then go together.
  await message(0).click()
  await message(1).click({ modifiers: ['ControlOrMeta'] })
  const selection = main.getByRole('group', { name: 'Selected messages' })
  await expect(selection).toContainText('2 selected')
  await selection.getByRole('button', { name: 'Move down' }).click()
  await expectText(0, 'Message 3 text')
  await expectText(1, 'Message 0 text')
  await expectText(2, 'Edited in the e2e test')
  await selection.getByRole('button', { name: 'Delete 2' }).click()
  await expect(count).toHaveText('5 messages')
  await expectText(0, 'Message 3 text')

  await message(0).click()
  await message(0)
    .getByRole('toolbar', { name: 'Message 0 actions' })
    .getByRole('button', { name: 'Insert below' })
    .click()
  const inserted = message(1).getByRole('form', { name: 'Edit message 1' })
  await inserted.getByLabel('Role').selectOption('assistant')
  await inserted.getByLabel('Content text').fill('Inserted reply')
  await inserted.getByRole('button', { name: 'Apply' }).click()
  await expect(message(1)).toHaveAccessibleName('Message 1, assistant')
  await expectText(1, 'Inserted reply')

  // What the store holds now, read back through the API.
  const detail = await callApi<{ messageCount: number }>(appPage, 'session.get', { id: 'short-chat' })
  expect(detail.messageCount).toBe(6)

  await main.getByRole('button', { name: 'Session', exact: true }).click()
  const panel = appPage.getByRole('complementary', { name: 'Session' })
  const summary = panel.getByRole('region', { name: 'Summary' })
  await expect(summary).toContainText('No summary yet.')
  await summary.getByRole('button', { name: 'Summarize now' }).click()
  await expect(summary.getByTestId('session-summary')).toBeVisible()
  await expect(summary).not.toContainText('No summary yet.')
})

test('follows changes made through the API while the session is open', async ({ appPage }) => {
  await callApi(appPage, 'session.create', { session_id: 'watched' })
  await seedMessages(appPage, 'watched', 3)
  const main = await openSessionFromList(appPage, 'watched')
  await expect(main.getByRole('feed', { name: 'Timeline, 3 messages' })).toBeVisible()

  await seedMessages(appPage, 'watched', 2)
  const feed = main.getByRole('feed', { name: 'Timeline, 5 messages' })
  await expect(feed).toBeVisible()
  await expect(feed.getByRole('article', { name: 'Message 4, user' })).toContainText('Message 4 text')
  await expect(
    main.getByRole('toolbar', { name: 'Editing' }).getByRole('button', { name: 'Undo' }),
  ).toHaveAttribute('title', 'Undo: Insert message at #3 and 1 more (Ctrl/Cmd+Z)')

  await main.getByRole('button', { name: 'Session', exact: true }).click()
  const status = appPage
    .getByRole('complementary', { name: 'Session' })
    .getByRole('form', { name: 'Session metadata' })
    .getByLabel('Status')
  await expect(status).toHaveValue('active')
  const docId = await sessionDocument(appPage, 'watched')
  const { revision } = await callApi<{ revision: number }>(appPage, 'document.state', { id: docId })
  await callApi(appPage, 'document.edit', {
    id: docId,
    revision,
    commands: [{ op: 'setSessionMetadata', patch: { status: 'archived' } }],
  })
  await expect(status).toHaveValue('archived')
})
