import { join } from 'node:path'
import { expect, test } from '../support/app'
import { callApi } from '../support/sessionApi'
import { openSessionsPage } from '../support/sessionsUi'
import { startWebServer } from '../support/webServer'

test('creates a session in the UI, lists it, and filters the list by user and status', async ({
  appPage,
}) => {
  const section = await openSessionsPage(appPage)
  await expect(section.getByText('The session store has no sessions yet.')).toBeVisible()

  await section.getByRole('button', { name: 'New session' }).click()
  const dialog = appPage.getByRole('dialog', { name: 'New session' })
  await dialog.getByLabel('Session id (optional)').fill('e2e-chat')
  await dialog.getByLabel('User id').fill('alice')
  await dialog.getByLabel('Agent id').fill('helper-bot')
  await dialog.getByLabel('Tags').fill('billing, urgent')
  await dialog.getByRole('button', { name: 'Create session' }).click()
  await expect(dialog).toBeHidden()
  // A new session opens in a tab of its own, to be filled; then back to the list.
  await expect(appPage.getByRole('main', { name: 'e2e-chat', exact: true })).toBeVisible()
  await openSessionsPage(appPage)

  const table = section.getByRole('table', { name: 'Sessions' })
  const row = table.getByRole('row').filter({ has: appPage.getByRole('button', { name: 'e2e-chat' }) })
  await expect(row.getByRole('cell')).toHaveText([
    'e2e-chat',
    'alice',
    'helper-bot',
    'active',
    '0',
    'billingurgent',
    /\d{4}-\d\d-\d\d \d\d:\d\d/,
    /\d{4}-\d\d-\d\d \d\d:\d\d/,
  ])
  await expect(section.getByRole('status')).toHaveText('1 session')
  await expect(section.getByLabel('Session store numbers')).toContainText('Sessions1')

  await callApi(appPage, 'session.create', { session_id: 'other-user', user_id: 'bob', status: 'paused' })
  await expect(table.getByRole('row')).toHaveCount(3)
  // Newest updated first.
  await expect(table.getByRole('row').nth(1)).toContainText('other-user')

  await section.getByLabel('Filter by user id').fill('alice')
  await expect(table.getByRole('row')).toHaveCount(2)
  await expect(section.getByRole('status')).toHaveText('1 matching session')
  await section.getByLabel('Filter by status').selectOption('paused')
  await expect(section.getByText('No session matches these filters.')).toBeVisible()
  await section.getByLabel('Filter by user id').fill('')
  await expect(table.getByRole('row')).toHaveCount(2)
  await expect(table.getByRole('row').nth(1)).toContainText('other-user')

  // Oldest first, then newest first again.
  await section.getByLabel('Filter by status').selectOption('')
  await table.getByRole('button', { name: /Updated/ }).click()
  await expect(table.getByRole('columnheader', { name: /Updated/ })).toHaveAttribute('aria-sort', 'ascending')
  await expect(table.getByRole('row').nth(1)).toContainText('e2e-chat')
})

test('edits the metadata of a session in its panel, undoes it, sees it in the list, and deletes the session', async ({
  appPage,
}) => {
  await callApi(appPage, 'session.create', { session_id: 'meta-edit', user_id: 'carol' })
  const section = await openSessionsPage(appPage)
  await section.getByRole('button', { name: 'meta-edit', exact: true }).click()

  const main = appPage.getByRole('main', { name: 'meta-edit', exact: true })
  await main.getByRole('button', { name: 'Session', exact: true }).click()
  const panel = appPage.getByRole('complementary', { name: 'Session' })
  const form = panel.getByRole('form', { name: 'Session metadata' })
  await form.getByLabel('Status').selectOption('paused')
  await form.getByLabel('Tags (comma separated)').fill('reviewed, q3')
  await form.getByLabel('Agent id').fill('auditor')
  await form.getByRole('button', { name: 'Apply metadata' }).click()
  const undo = main.getByRole('toolbar', { name: 'Editing' }).getByRole('button', { name: 'Undo' })
  await expect(undo).toHaveAttribute('title', 'Undo: Edit metadata (Ctrl/Cmd+Z)')
  await expect(form.getByRole('button', { name: 'Apply metadata' })).toBeDisabled()
  // Saved to the store at once.
  const stored = await callApi<{ metadata: { status: string; agent_id: string; tags: string[] } }>(
    appPage,
    'session.get',
    { id: 'meta-edit' },
  )
  expect(stored.metadata).toMatchObject({ status: 'paused', agent_id: 'auditor', tags: ['reviewed', 'q3'] })

  // Undo takes it back in the store too; redo puts it again.
  await undo.click()
  await expect(form.getByLabel('Status')).toHaveValue('active')
  await expect
    .poll(
      async () => (await callApi<typeof stored>(appPage, 'session.get', { id: 'meta-edit' })).metadata.status,
    )
    .toBe('active')
  await main.getByRole('toolbar', { name: 'Editing' }).getByRole('button', { name: 'Redo' }).click()
  await expect(form.getByLabel('Status')).toHaveValue('paused')

  await openSessionsPage(appPage)
  const row = section.getByRole('table', { name: 'Sessions' }).getByRole('row').nth(1)
  await expect(row.getByRole('cell')).toHaveText([
    'meta-edit',
    'carol',
    'auditor',
    'paused',
    '0',
    'reviewedq3',
    /\d/,
    /\d/,
  ])

  await section.getByRole('button', { name: 'meta-edit', exact: true }).click()
  await panel.getByRole('button', { name: 'Delete session…' }).click()
  const confirm = appPage.getByRole('dialog', { name: 'Delete session' })
  await expect(confirm).toContainText('meta-edit')
  await confirm.getByRole('button', { name: 'Delete session' }).click()
  // Its document closes with it.
  await expect(main).toBeHidden()
  await expect(
    appPage
      .getByRole('navigation', { name: 'Pages and open documents' })
      .getByRole('button', { name: 'Close meta-edit' }),
  ).toHaveCount(0)
  await openSessionsPage(appPage)
  await expect(section.getByText('The session store has no sessions yet.')).toBeVisible()
})

test('a second Memory Inspector on the same data folder says who holds the store', async ({
  appPage,
  workDir,
}) => {
  const section = await openSessionsPage(appPage)
  // The first instance has opened (and locked) the store once it lists it.
  await expect(section.getByText('The session store has no sessions yet.')).toBeVisible()

  const second = await startWebServer([], join(workDir, 'data'))
  try {
    const page = await appPage.context().newPage()
    await page.goto(second.url)
    const other = await openSessionsPage(page)
    await expect(other.getByRole('alert')).toContainText(
      /The session store is in use by another Memory Inspector \(pid \d+\)/,
    )
    await expect(other.getByRole('table')).toHaveCount(0)
    await expect(other.getByRole('button', { name: 'Try again' })).toBeVisible()
    await page.close()
  } finally {
    await second.stop()
  }
})
