import { join } from 'node:path'
import { expect, test } from '../support/app'
import { callApi } from '../support/sessionApi'
import { startWebServer } from '../support/webServer'

test('creates a session in the UI, lists it, and filters the list by user and status', async ({
  appPage,
}) => {
  const section = appPage.getByRole('region', { name: 'Session store' })
  await expect(section.getByText('The session store has no sessions yet.')).toBeVisible()

  await section.getByRole('button', { name: 'New session' }).click()
  const dialog = appPage.getByRole('dialog', { name: 'New session' })
  await dialog.getByLabel('Session id (optional)').fill('e2e-chat')
  await dialog.getByLabel('User id').fill('alice')
  await dialog.getByLabel('Agent id').fill('helper-bot')
  await dialog.getByLabel('Tags').fill('billing, urgent')
  await dialog.getByRole('button', { name: 'Create session' }).click()
  await expect(dialog).toBeHidden()

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

test('edits the metadata of a session, sees it in the list, and deletes the session', async ({ appPage }) => {
  await callApi(appPage, 'session.create', { session_id: 'meta-edit', user_id: 'carol' })
  const section = appPage.getByRole('region', { name: 'Session store' })
  await section.getByRole('button', { name: 'meta-edit' }).click()

  const view = appPage.getByRole('main', { name: 'Session meta-edit' })
  const form = view.getByRole('form', { name: 'Session metadata' })
  await form.getByLabel('Status').selectOption('paused')
  await form.getByLabel('Tags (comma separated)').fill('reviewed, q3')
  await form.getByLabel('Agent id').fill('auditor')
  await form.getByRole('button', { name: 'Apply metadata' }).click()
  await expect(view.getByRole('button', { name: 'Undo' })).toHaveAttribute(
    'title',
    'Undo: Edit metadata (Ctrl/Cmd+Z)',
  )
  await expect(form.getByRole('button', { name: 'Apply metadata' })).toBeDisabled()

  await view.getByRole('button', { name: '← Sessions' }).click()
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

  await section.getByRole('button', { name: 'meta-edit' }).click()
  await view.getByRole('button', { name: 'Delete session…' }).click()
  const confirm = appPage.getByRole('dialog', { name: 'Delete session' })
  await expect(confirm).toContainText('meta-edit')
  await confirm.getByRole('button', { name: 'Delete session' }).click()
  await expect(view).toBeHidden()
  await expect(section.getByText('The session store has no sessions yet.')).toBeVisible()
})

test('a second Memory Inspector on the same data folder says who holds the store', async ({
  appPage,
  workDir,
}) => {
  const section = appPage.getByRole('region', { name: 'Session store' })
  // The first instance has opened (and locked) the store once it lists it.
  await expect(section.getByText('The session store has no sessions yet.')).toBeVisible()

  const second = await startWebServer([], join(workDir, 'data'))
  try {
    const page = await appPage.context().newPage()
    await page.goto(second.url)
    const other = page.getByRole('region', { name: 'Session store' })
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
