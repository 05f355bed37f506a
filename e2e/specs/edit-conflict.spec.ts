import { writeFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, test as base } from '../support/app'
import { copiedPaths, copyPath, readMemory, readText } from '../support/editing'

const test = base.extend<{ copies: string[] }>({
  copies: [[], { option: true }],
  appArgs: async ({ workDir, copies }, use) => use(copiedPaths(workDir, copies)),
})

const NAME = '03_tool_calls.json'
const OURS = 'Our edit, made in the app.'
const THEIRS = 'Weather in Oslo, written by another program.'

/** Edits message 1 in the app, then changes the file behind the app's back, then presses Save. */
async function editThenChangeOnDisk(page: Page, filePath: string) {
  const main = page.getByRole('main', { name: NAME })
  const user = main.getByRole('article', { name: /^Message 1, user/ })
  await user.getByRole('button', { name: 'Edit', exact: true }).click()
  await user.getByLabel('Content text').fill(OURS)
  await user.getByRole('button', { name: 'Apply' }).click()
  await expect(user.locator('.text-raw')).toHaveText(OURS)

  writeFileSync(
    filePath,
    readText(filePath).replace('Weather in Paris and Berlin, then convert 20 C to F.', THEIRS),
  )
  // The watcher notices, keeps our edits, and says so.
  await expect(main.getByRole('alert').filter({ hasText: 'changed on disk' })).toBeVisible()

  await main
    .getByRole('toolbar', { name: 'Editing' })
    .getByRole('button', { name: 'Save', exact: true })
    .click()
  const dialog = page.getByRole('dialog', { name: 'File changed on disk' })
  await expect(dialog).toBeVisible()
  return { main, user, dialog }
}

test.describe('a file changed on disk while it has edits', () => {
  test.use({ copies: [NAME] })

  test('Overwrite writes the app’s version over the outside change', async ({ appPage, workDir }) => {
    const filePath = copyPath(workDir, NAME)
    const { main, dialog } = await editThenChangeOnDisk(appPage, filePath)
    await expect(dialog.getByRole('button', { name: 'Reload' })).toBeVisible()
    await expect(dialog.getByRole('button', { name: 'Save as…' })).toBeVisible()
    await dialog.getByRole('button', { name: 'Overwrite' }).click()
    await expect(dialog).toHaveCount(0)
    await expect(appPage.getByRole('region', { name: 'Notifications' })).toContainText(
      'Saved 1 changed message',
    )
    expect(readMemory(filePath).messages[1].content).toBe(OURS)
    expect(readText(filePath)).not.toContain('Oslo')
    await expect(main.getByRole('alert').filter({ hasText: 'changed on disk' })).toHaveCount(0)
    // Resolved: the watcher's notification about it goes too.
    await expect(appPage.getByRole('region', { name: 'Notifications' })).not.toContainText('changed on disk')
  })

  test('Reload drops the edits and shows the file as it is now', async ({ appPage, workDir }) => {
    const filePath = copyPath(workDir, NAME)
    const { main, user, dialog } = await editThenChangeOnDisk(appPage, filePath)
    await dialog.getByRole('button', { name: 'Reload' }).click()
    await expect(dialog).toHaveCount(0)
    await expect(user.locator('.text-raw')).toHaveText(THEIRS)
    await expect(main.getByRole('toolbar', { name: 'Editing' })).toContainText('No unsaved edits')
    await expect(
      appPage
        .getByRole('navigation', { name: 'Pages and open documents' })
        .getByRole('button', { name: /^03_tool/ }),
    ).not.toContainText('●')
    expect(readMemory(filePath).messages[1].content).toBe(THEIRS)
    await expect(main.getByRole('alert').filter({ hasText: 'changed on disk' })).toHaveCount(0)
    await expect(appPage.getByRole('region', { name: 'Notifications' })).not.toContainText('changed on disk')
  })
})
