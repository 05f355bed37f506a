import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test as base } from '../support/app'
import { fixture } from '../support/marsysFixtures'
import { writeV2Database } from '../support/v2Sqlite'
import { ROOT } from '../support/webServer'
import { docsScreenshot } from '../support/docsScreenshot'

/** Web mode started on an empty folder (its allowed root); the test puts its sources there once the app runs. */
const test = base.extend({
  appArgs: async ({ workDir }, use) => {
    const folder = join(workDir, 'files')
    mkdirSync(folder, { recursive: true })
    await use([folder])
  },
})

test('imports a folder of MARSYS files and a SQLite file, opens a session, exports it back to MARSYS', async ({
  appPage,
  workDir,
}) => {
  const files = join(workDir, 'files')
  const agents = join(files, 'agents')
  mkdirSync(agents)
  for (const name of ['01_plain_conversation.json', '03_tool_calls.json', '10_kg_facts.json'])
    copyFileSync(fixture(name), join(agents, name))
  const database = join(files, 'langswarm_memory.db')
  await writeV2Database(database, {
    'support-42': [
      { role: 'system', content: 'You are a support agent.' },
      { role: 'user', content: 'My invoice is wrong.' },
      { role: 'assistant', content: 'Let me look at invoice 42.' },
    ],
    'support-43': [{ role: 'user', content: 'Hello again' }],
  })

  await appPage.getByRole('button', { name: 'Import', exact: true }).click()
  const page = appPage.getByRole('main', { name: 'Import into the session store' })
  const pathField = page.getByLabel('File, folder or database path')
  await pathField.fill(agents)
  await page.getByRole('button', { name: 'Add', exact: true }).click()
  await pathField.fill(database)
  await pathField.press('Enter')
  await expect(page.getByRole('list', { name: 'Sources to import' }).getByRole('listitem')).toHaveCount(2)

  // A path outside the allowed folder is refused with the reason.
  await pathField.fill('/etc')
  await pathField.press('Enter')
  await page.getByRole('button', { name: 'Check (dry run)' }).click()
  await expect(page.getByRole('alert')).toContainText('outside the folders')
  await page.getByRole('button', { name: 'Remove /etc' }).click()

  await page.getByRole('button', { name: 'Check (dry run)' }).click()
  const sources = page.getByRole('table', { name: 'Sources' })
  await expect(sources.getByRole('row')).toHaveCount(3)
  await expect(sources).toContainText('MARSYS folder')
  await expect(sources).toContainText('langswarm V2 SQLite')
  const planned = page.getByRole('table', { name: 'Sessions to import' })
  await expect(planned.getByRole('row')).toHaveCount(6)
  await expect(planned.getByText('will import')).toHaveCount(5)
  await expect(page.getByRole('table', { name: 'Errors' })).toHaveCount(0)
  await appPage.setViewportSize({ width: 1280, height: 1100 })
  await docsScreenshot(appPage, 'import')

  await page.getByRole('button', { name: 'Import 5 session(s)' }).click()
  const result = page.getByRole('region', { name: '3. Result' })
  await expect(result.getByRole('status')).toContainText('Imported 5 session(s)')
  await expect(result.getByText('imported', { exact: true })).toHaveCount(5)

  // The Sessions list shows them.
  await appPage.getByRole('button', { name: 'Sessions', exact: true }).click()
  await expect(appPage.getByRole('button', { name: 'support-42', exact: true })).toBeVisible()

  // The result links open the new sessions in tabs.
  await appPage.getByRole('button', { name: 'Import', exact: true }).click()
  const toolSession = result.getByRole('button', { name: /^Open session marsys-03_tool_calls/ })
  const toolSessionId = (await toolSession.textContent())!.trim()
  await toolSession.click()
  const doc = appPage.getByRole('main', { name: toolSessionId })
  await expect(doc).toBeVisible()

  // Export… back to a MARSYS file.
  await doc.getByRole('button', { name: 'Export…' }).click()
  const dialog = appPage.getByRole('dialog', { name: /^Export/ })
  await expect(dialog.getByText('nothing is lost in this format')).toBeVisible()
  const out = join(files, 'exported.json')
  await dialog.getByLabel('Write to file').fill(out)
  await dialog.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(dialog).toBeHidden()
  expect(existsSync(out)).toBe(true)
  // MARSYS's loader rules accept it (the CLI's validate), and it is the original file byte for byte.
  const verdict = JSON.parse(
    execFileSync(process.execPath, [join(ROOT, 'bin', 'memory-inspector.js'), 'validate', '--json', out], {
      encoding: 'utf8',
    }),
  ) as { marsys_loadable: boolean }[] | { marsys_loadable: boolean }
  expect(Array.isArray(verdict) ? verdict[0].marsys_loadable : verdict.marsys_loadable).toBe(true)
  expect(readFileSync(out).equals(readFileSync(fixture('03_tool_calls.json')))).toBe(true)

  // Exporting again onto the same file asks first.
  await doc.getByRole('button', { name: 'Export…' }).click()
  await dialog.getByRole('combobox', { name: /^Format/ }).selectOption('anthropic')
  await expect(dialog.getByText('This format cannot hold:')).toBeVisible()
  await dialog.getByLabel('Write to file').fill(out)
  await dialog.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(dialog.getByRole('alert')).toContainText('already exists')
  await expect(dialog.getByRole('button', { name: 'Overwrite' })).toBeVisible()
  // Web mode can also hand the export to the browser as a download.
  const downloading = appPage.waitForEvent('download')
  await dialog.getByRole('button', { name: 'Download' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe(`${toolSessionId}.anthropic.json`)
  const request = JSON.parse(readFileSync(await download.path(), 'utf8')) as { messages: unknown[] }
  expect(request.messages.length).toBeGreaterThan(0)
  await expect(dialog).toBeHidden()
  expect(readFileSync(out).equals(readFileSync(fixture('03_tool_calls.json')))).toBe(true)
})
