import { expect, test } from '../support/app'
import { callApi, seedMessages } from '../support/sessionApi'

test('pages through 520 messages to the end, fetching windows from main', async ({ appPage }) => {
  await callApi(appPage, 'session.create', { session_id: 'long-chat' })
  await seedMessages(appPage, 'long-chat', 520)
  const limits: number[] = []
  appPage.on('request', (request) => {
    if (request.url().endsWith('/api/session.messages'))
      limits.push((JSON.parse(request.postData() ?? '{}') as { limit: number }).limit)
  })

  await appPage.getByRole('button', { name: 'long-chat' }).click()
  const view = appPage.getByRole('main', { name: 'Session long-chat' })
  await expect(view.getByTestId('session-message-count')).toHaveText('520 messages')
  const feed = view.getByRole('feed', { name: 'Messages, 520' })
  await expect(feed.getByRole('article', { name: 'Message 0, user' })).toContainText('Message 0 text')

  await feed.focus()
  await appPage.keyboard.press('End')
  const last = feed.getByRole('article', { name: 'Message 519, assistant' })
  await expect(last).toBeVisible()
  await expect(last).toContainText('Message 519 text')
  await expect(last).toHaveAttribute('aria-setsize', '520')

  // Virtualised and paged: a handful of cards in order, and no request for more than a window.
  const indices = await feed
    .getByRole('article')
    .evaluateAll((cards) => cards.map((card) => Number(card.getAttribute('data-index'))))
  expect(indices.length).toBeLessThan(60)
  expect(indices).toEqual(indices.map((_, i) => indices[0] + i))
  expect(limits.length).toBeGreaterThanOrEqual(2)
  expect(limits.every((limit) => limit <= 200)).toBe(true)

  // Scrolled to the middle by hand, the messages there arrive too.
  await feed.evaluate((element) => (element.scrollTop = element.scrollHeight / 2))
  await expect(feed.getByRole('article', { name: /^Message 26\d, / }).first()).toContainText(
    /Message 26\d text/,
  )

  await appPage.keyboard.press('Home')
  await expect(feed.getByRole('article', { name: 'Message 0, user' })).toBeVisible()
})

test('edits a message, undoes and redoes it, moves and deletes messages, and summarizes', async ({
  appPage,
}) => {
  await callApi(appPage, 'session.create', { session_id: 'short-chat' })
  await seedMessages(appPage, 'short-chat', 8)
  await appPage.getByRole('button', { name: 'short-chat' }).click()
  const view = appPage.getByRole('main', { name: 'Session short-chat' })
  const feed = view.getByRole('feed', { name: /^Messages, / })
  await expect(feed).toHaveAccessibleName('Messages, 8')
  const message = (index: number) => feed.getByRole('article', { name: new RegExp(`^Message ${index}, `) })

  await message(2).getByRole('button', { name: 'Edit' }).click()
  await message(2).getByLabel('Content').fill('Edited in the e2e test')
  await message(2).getByRole('button', { name: 'Apply' }).click()
  await expect(message(2)).toContainText('Edited in the e2e test')
  const undo = view.getByRole('button', { name: 'Undo' })
  const redo = view.getByRole('button', { name: 'Redo' })
  await expect(undo).toHaveAttribute('title', 'Undo: Edit content of #2 (Ctrl/Cmd+Z)')

  // The keys act while the session view has focus.
  await feed.focus()
  await appPage.keyboard.press('ControlOrMeta+z')
  await expect(message(2)).toContainText('Message 2 text')
  await expect(redo).toHaveAttribute('title', 'Redo: Edit content of #2 (Shift+Ctrl/Cmd+Z)')
  await appPage.keyboard.press('ControlOrMeta+Shift+z')
  await expect(message(2)).toContainText('Edited in the e2e test')
  await undo.click()
  await expect(message(2)).toContainText('Message 2 text')
  await redo.click()
  await expect(message(2)).toContainText('Edited in the e2e test')

  await message(1).getByRole('button', { name: 'Delete' }).click()
  await expect(view.getByRole('feed', { name: 'Messages, 7' })).toBeVisible()
  await expect(message(1)).toContainText('Edited in the e2e test')

  // Two selected messages move down together.
  await message(0).getByLabel('Select message 0').check()
  await message(1).getByLabel('Select message 1').check()
  const selection = view.getByRole('group', { name: 'Selected messages' })
  await expect(selection).toContainText('2 selected')
  await selection.getByRole('button', { name: 'Move selected down' }).click()
  await expect(message(0)).toContainText('Message 3 text')
  await expect(message(1)).toContainText('Message 0 text')
  await expect(message(2)).toContainText('Edited in the e2e test')
  await selection.getByRole('button', { name: 'Delete selected' }).click()
  await expect(view.getByRole('feed', { name: 'Messages, 5' })).toBeVisible()
  await expect(message(0)).toContainText('Message 3 text')

  await view.getByRole('button', { name: 'Insert below' }).first().click()
  const insert = appPage.getByRole('dialog', { name: 'Insert message at #1' })
  await insert.getByLabel('Role').selectOption('assistant')
  await insert.getByLabel('Content').fill('Inserted reply')
  await insert.getByRole('button', { name: 'Insert' }).click()
  await expect(message(1)).toHaveAccessibleName('Message 1, assistant')
  await expect(message(1)).toContainText('Inserted reply')

  const summary = view.getByRole('region', { name: 'Summary' })
  await expect(summary).toContainText('No summary yet.')
  await summary.getByRole('button', { name: 'Summarize now' }).click()
  await expect(summary.getByTestId('session-summary')).toBeVisible()
  await expect(summary).not.toContainText('No summary yet.')
})

test('follows changes made elsewhere while the session is open', async ({ appPage }) => {
  await callApi(appPage, 'session.create', { session_id: 'watched' })
  await seedMessages(appPage, 'watched', 3)
  await appPage.getByRole('button', { name: 'watched' }).click()
  const view = appPage.getByRole('main', { name: 'Session watched' })
  await expect(view.getByRole('feed', { name: 'Messages, 3' })).toBeVisible()

  await seedMessages(appPage, 'watched', 2)
  const feed = view.getByRole('feed', { name: 'Messages, 5' })
  await expect(feed).toBeVisible()
  await expect(feed.getByRole('article', { name: 'Message 4, user' })).toContainText('Message 2 text')
  await expect(view.getByRole('button', { name: 'Undo' })).toHaveAttribute(
    'title',
    'Undo: Insert message at #0 and 1 more (Ctrl/Cmd+Z)',
  )
  await callApi(appPage, 'session.updateMetadata', { id: 'watched', patch: { status: 'archived' } })
  await expect(view.getByRole('form', { name: 'Session metadata' }).getByLabel('Status')).toHaveValue(
    'archived',
  )
})
