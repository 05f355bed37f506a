import { expect, test as base } from '../support/app'
import { copiedPaths, copyPath, readMemory } from '../support/editing'
import { callApi } from '../support/sessionApi'
import { docsScreenshot } from '../support/docsScreenshot'
import { completionBody, startFakeOpenAiServer } from '../../src/main/engine/testing/fakeOpenAiServer'

const FIXTURE = '09c_managed_over_trigger_uncompacted.json'

const test = base.extend<{ copies: string[] }>({
  copies: [[], { option: true }],
  appArgs: async ({ workDir, copies }, use) => use(copiedPaths(workDir, copies)),
})

test.describe('summary and compaction', () => {
  test.use({ copies: [FIXTURE] })

  test('summarizes a file, simulates, inspects, applies and undoes a compaction, saves and reopens', async ({
    appPage,
    workDir,
  }) => {
    const filePath = copyPath(workDir, FIXTURE)
    const before = readMemory(filePath).messages.length
    const main = appPage.getByRole('main', { name: FIXTURE })
    await main.getByRole('button', { name: 'Summary', exact: true }).click()
    const panel = appPage.getByRole('complementary', { name: 'Summary & compaction' })

    // Summarize: extractive by default, offline.
    await panel.getByRole('button', { name: 'Summarize', exact: true }).click()
    const summary = panel.getByTestId('conversation-summary')
    await expect(summary).toContainText('Asked:')
    await expect(summary).toContainText(`${before} messages`)
    await expect(summary.getByRole('button', { name: 'Download .md' })).toBeVisible()

    // Simulate with a threshold the file is over.
    const config = panel.getByRole('group', { name: 'Config' })
    await config.getByLabel('Threshold (tokens)').fill('500')
    await panel.getByRole('button', { name: 'Simulate', exact: true }).click()
    const stages = panel.getByRole('table')
    await expect(stages.getByRole('row', { name: /summarization/ })).toContainText('ran')
    await expect(stages.getByRole('row', { name: /tool_truncation/ })).toContainText('skipped')
    const after = panel.getByRole('region', { name: 'After' }).getByRole('listitem')
    const kept = await after.count()
    expect(kept).toBeLessThan(before)
    await expect(panel.getByRole('region', { name: 'After' })).toContainText('Compacted Context Summary')

    // Clicking a changed message jumps to it in the document.
    await stages.getByRole('button', { name: /^Go to messages 0 to / }).click()
    await expect(main.getByRole('article', { name: /^Message 0,/ })).toHaveAttribute('aria-current', 'true')

    await appPage.setViewportSize({ width: 1500, height: 900 })
    const splitter = appPage.getByRole('separator', { name: 'Resize side panel' })
    await splitter.focus()
    for (let i = 0; i < 10; i++) await splitter.press('ArrowLeft')
    await stages.scrollIntoViewIfNeeded()
    await docsScreenshot(appPage, 'compaction')

    // Apply: one undoable edit.
    await panel.getByRole('button', { name: 'Apply', exact: true }).click()
    await expect(panel).toContainText(`Applied: ${kept} messages`)
    const first = main.getByRole('article', { name: /^Message 0,/ })
    await expect(first).toHaveAttribute('aria-setsize', String(kept))
    const undo = main.getByRole('toolbar', { name: 'Editing' }).getByRole('button', { name: 'Undo' })
    await undo.click()
    await expect(first).toHaveAttribute('aria-setsize', String(before))
    await main.getByRole('toolbar', { name: 'Editing' }).getByRole('button', { name: 'Redo' }).click()
    await expect(first).toHaveAttribute('aria-setsize', String(kept))

    // Save, then open the saved file again: MARSYS's shape, the summary in it.
    await main
      .getByRole('toolbar', { name: 'Editing' })
      .getByRole('button', { name: 'Save', exact: true })
      .click()
    await expect(appPage.getByRole('region', { name: 'Notifications' })).toContainText('Saved')
    const saved = readMemory(filePath)
    expect(saved.messages).toHaveLength(kept)
    expect(JSON.stringify(saved.messages)).toContain('[Compacted Context Summary]')
    const reopened = await callApi<{ documents: { messageCount: number; marsysLoadable: boolean }[] }>(
      appPage,
      'document.open',
      { paths: [filePath] },
    )
    expect(reopened.documents[0]).toMatchObject({ messageCount: kept, marsysLoadable: true })
  })

  test("inserts a file's summary as a message that Undo takes back, and copies it as Markdown", async ({
    appPage,
    workDir,
  }) => {
    const before = readMemory(copyPath(workDir, FIXTURE)).messages.length
    const docs = await callApi<{ id: string; name: string }[]>(appPage, 'document.list', {})
    const docId = docs.find((d) => d.name === FIXTURE)!.id
    const messageAt = (index: number) =>
      callApi<{ role: string; raw: string }>(appPage, 'document.message', { id: docId, index })
    const lastBefore = await messageAt(before - 1)

    const main = appPage.getByRole('main', { name: FIXTURE })
    await main.getByRole('button', { name: 'Summary', exact: true }).click()
    const panel = appPage.getByRole('complementary', { name: 'Summary & compaction' })
    await panel.getByRole('button', { name: 'Summarize', exact: true }).click()
    const summary = panel.getByTestId('conversation-summary')
    const text = (await summary.getByText(/^Asked:/).textContent())!

    // Copy: the Markdown summary on the clipboard.
    await appPage.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await summary.getByRole('button', { name: 'Copy', exact: true }).click()
    await expect(summary.getByRole('button', { name: 'Copied' })).toBeVisible()
    const copied = await appPage.evaluate(() => navigator.clipboard.readText())
    expect(copied.startsWith(`# Summary of ${FIXTURE}\n\n${text}\n\n**Key topics:** `)).toBe(true)
    expect(copied).toContain(`\n- Messages: ${before}\n`)

    // Insert as message: a user message at the end, the messages before it untouched.
    await summary.getByRole('button', { name: 'Insert as message' }).click()
    await expect(summary.getByRole('status')).toHaveText(`Inserted as message #${before} (undo with Ctrl+Z)`)
    const first = main.getByRole('article', { name: /^Message 0,/ })
    await expect(first).toHaveAttribute('aria-setsize', String(before + 1))
    const inserted = await messageAt(before)
    expect(inserted.role).toBe('user')
    // This memory has no key topics, so the message is the summary alone.
    expect(JSON.parse(inserted.raw)).toEqual({ role: 'user', content: `[Conversation Summary]\n${text}` })
    expect(await messageAt(before - 1)).toEqual(lastBefore)

    await main.getByRole('toolbar', { name: 'Editing' }).getByRole('button', { name: 'Undo' }).click()
    await expect(first).toHaveAttribute('aria-setsize', String(before))
    expect(await callApi<{ messageCount: number }>(appPage, 'document.summary', { id: docId })).toMatchObject(
      {
        messageCount: before,
      },
    )
  })

  test('an LLM simulation sends the agent instruction MARSYS would, to the endpoint in Settings', async ({
    appPage,
  }) => {
    const llm = await startFakeOpenAiServer()
    try {
      llm.answer = () => ({
        status: 200,
        body: completionBody(
          JSON.stringify({
            user_request_summary: 'Plan the work.',
            summary: 'The agent planned the work.',
            salient_facts: [],
            open_threads: [],
            keep_images: [],
          }),
        ),
      })
      await callApi(appPage, 'summary.setLlmSettings', {
        baseUrl: llm.baseUrl,
        model: 'fake-model',
        timeoutSeconds: 30,
      })
      const main = appPage.getByRole('main', { name: FIXTURE })
      await main.getByRole('button', { name: 'Summary', exact: true }).click()
      const panel = appPage.getByRole('complementary', { name: 'Summary & compaction' })
      const config = panel.getByRole('group', { name: 'Config' })
      await config.getByLabel('Threshold (tokens)').fill('500')
      await config.getByLabel('Summarization model').selectOption({ label: 'LLM, as MARSYS would' })
      await config.getByLabel('Provider').selectOption('anthropic')
      await expect(config.getByLabel('Provider')).toHaveAccessibleDescription(/how many image bytes/)
      await config.getByLabel('Agent instruction (optional)').fill('You are a careful planner.')
      await panel.getByRole('button', { name: 'Simulate', exact: true }).click()
      await expect(panel.getByRole('table').getByRole('row', { name: /summarization/ })).toContainText('ran')
      await expect(panel.getByRole('region', { name: 'After' })).toContainText('The agent planned the work.')

      expect(llm.requests).toHaveLength(1)
      const body = llm.requests[0].body as { model: string; messages: { role: string; content: unknown }[] }
      expect(body.model).toBe('fake-model')
      const last = body.messages.at(-1)!
      expect(last.role).toBe('user')
      expect(JSON.stringify(last.content)).toContain('[Agent Instruction]\\nYou are a careful planner.')
    } finally {
      await llm.close()
    }
  })

  test('summarizes a session and stores the summary', async ({ appPage }) => {
    await callApi(appPage, 'session.create', { session_id: 'trip' })
    const doc = await callApi<{ id: string }>(appPage, 'session.open', { id: 'trip' })
    const lines = [
      ['user', 'Plan a weekend trip to Lisbon with a budget of 500 euros.'],
      ['assistant', 'Fly on Friday, stay in Alfama, visit Belém on Saturday.'],
      ['user', 'What about food?'],
      ['assistant', 'Try pastéis de nata and grilled sardines in Alfama.'],
    ]
    const state = await callApi<{ revision: number }>(appPage, 'document.state', { id: doc.id })
    await callApi(appPage, 'document.edit', {
      id: doc.id,
      revision: state.revision,
      commands: lines.map(([role, text], index) => ({ op: 'insert', index, role, text })),
    })
    await appPage
      .getByRole('navigation', { name: 'Pages and open documents' })
      .getByRole('button', { name: 'session:trip' })
      .click()
    const main = appPage.getByRole('main', { name: /trip/ })
    await main.getByRole('button', { name: 'Summary', exact: true }).click()
    const panel = appPage.getByRole('complementary', { name: 'Summary & compaction' })
    await panel.getByRole('button', { name: 'Summarize', exact: true }).click()
    const summary = panel.getByTestId('conversation-summary')
    await expect(summary).toContainText('Lisbon')
    await expect(summary).toContainText('stored as the session’s summary')
    const stored = await callApi<{ summary: string } | null>(appPage, 'session.summary', { id: 'trip' })
    expect(stored?.summary).toContain('Lisbon')
  })
})

test('the LLM settings in web mode: base URL and model saved, the key only from the environment', async ({
  appPage,
}) => {
  await appPage.getByRole('button', { name: 'Settings', exact: true }).click()
  const section = appPage.getByRole('region', { name: 'LLM for summaries' })
  await expect(section).toContainText('the key comes from MEMORY_INSPECTOR_LLM_API_KEY')
  await expect(section.getByLabel(/API key/)).toBeDisabled()
  await section.getByLabel('Base URL').fill('http://127.0.0.1:9/v1/')
  await section.getByLabel('Model').fill('local-model')
  await section.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(section).toContainText('Saved.')
  await expect(section.getByLabel('Base URL')).toHaveValue('http://127.0.0.1:9/v1')
  await section.getByRole('button', { name: 'Test connection' }).click()
  await expect(section.getByRole('alert')).toContainText('cannot reach the LLM at http://127.0.0.1:9/v1')
})
