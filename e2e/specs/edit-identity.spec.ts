import { expect, test as base } from '../support/app'
import { copiedPaths, copyPath, readMemory } from '../support/editing'

const test = base.extend<{ copies: string[] }>({
  copies: [[], { option: true }],
  appArgs: async ({ workDir, copies }, use) => use(copiedPaths(workDir, copies)),
})

/** Roles of 03_tool_calls.json, message by message. */
const ROLES = [
  'system',
  'user',
  'assistant',
  'tool',
  'tool',
  'assistant',
  'tool',
  'assistant',
  'tool',
  'user',
  'assistant',
]

/**
 * Messages keep their identity through structure edits: an editor, a card or the table's detail pane shows the
 * message that is really at that place, never the one an insert, delete or move pushed there.
 */
test.describe('structure edits keep each message itself', () => {
  test.use({ copies: ['03_tool_calls.json'] })

  test('Insert below a tool call opens a blank message, and Apply adds no second result for the call', async ({
    appPage,
    workDir,
  }) => {
    const filePath = copyPath(workDir, '03_tool_calls.json')
    const main = appPage.getByRole('main', { name: '03_tool_calls.json' })
    const call = main.getByRole('article', { name: /^Message 2, assistant/ })
    await call.click()
    await call
      .getByRole('toolbar', { name: 'Message 2 actions' })
      .getByRole('button', { name: 'Insert below' })
      .click()
    await expect(main.getByTestId('message-count')).toHaveText('12 messages')

    const inserted = main.getByRole('article', { name: /^Message 3, / })
    await expect(inserted).toHaveCount(1)
    await expect(inserted).toHaveAccessibleName('Message 3, user')
    const editor = inserted.getByRole('form', { name: 'Edit message 3' })
    await expect(editor.getByLabel('Role')).toHaveValue('user')
    await expect(editor.getByLabel('Content text')).toHaveValue('')
    await expect(editor.getByLabel('Content text')).toBeFocused()
    await expect(editor.getByLabel('Tool call id')).toHaveCount(0)
    // The result it pushed down is the next message, untouched and not in an editor.
    const result = main.getByRole('article', { name: /^Message 4, tool/ })
    await expect(result.getByRole('form')).toHaveCount(0)
    await expect(result).toContainText('cloudy')

    await editor.getByLabel('Content text').fill('A note between the call and its results.')
    await editor.getByRole('button', { name: 'Apply' }).click()
    await expect(inserted.locator('.text-raw')).toHaveText('A note between the call and its results.')
    await appPage.keyboard.press('Control+s')
    await expect(appPage.getByRole('region', { name: 'Notifications' })).toContainText('Saved')

    const messages = readMemory(filePath).messages
    expect(messages).toHaveLength(12)
    expect(messages[3]).toEqual({ role: 'user', content: 'A note between the call and its results.' })
    expect(messages.filter((message) => message.tool_call_id === 'call_wx_paris')).toHaveLength(1)
    expect(messages.filter((message) => message.role === 'tool')).toHaveLength(4)
  })

  test('after an insert near the end, the cards below show the right messages, none twice', async ({
    appPage,
  }) => {
    const main = appPage.getByRole('main', { name: '03_tool_calls.json' })
    const feed = main.getByRole('feed', { name: /^Timeline, / })
    const before = main.getByRole('article', { name: /^Message 9, user/ })
    await feed.focus()
    await appPage.keyboard.press('End')
    await appPage.keyboard.press('ArrowUp')
    await expect(before).toHaveAttribute('aria-current', 'true')
    await before
      .getByRole('toolbar', { name: 'Message 9 actions' })
      .getByRole('button', { name: 'Insert below' })
      .click()
    await expect(feed).toHaveAccessibleName('Timeline, 12 messages')
    await main.getByRole('form', { name: 'Edit message 10' }).getByRole('button', { name: 'Cancel' }).click()

    const expected = [...ROLES.slice(0, 10), 'user', 'assistant']
    // Every card on screen, in order: its number, its role, and no number twice; then the last ones' text.
    const cards = async (): Promise<string[]> =>
      feed
        .getByRole('article')
        .evaluateAll((articles) => articles.map((card) => card.getAttribute('aria-label') ?? ''))
    await expect
      .poll(async () => {
        const labels = await cards()
        const numbers = labels.map((label) => Number(/^Message (\d+)/.exec(label)?.[1]))
        return (
          labels.length > 0 &&
          new Set(numbers).size === numbers.length &&
          numbers.every((n, i) => i === 0 || n === numbers[i - 1] + 1) &&
          numbers[numbers.length - 1] === 11 &&
          labels.every((label, i) => label.startsWith(`Message ${numbers[i]}, ${expected[numbers[i]]}`))
        )
      })
      .toBe(true)
    await expect(main.getByRole('article', { name: /^Message 10, user/ }).locator('.empty-text')).toHaveText(
      '(empty string)',
    )
    await expect(main.getByRole('article', { name: /^Message 11, assistant/ })).toContainText(
      'Paris 18 C cloudy, Berlin 15 C rain; 20 C = 68 F.',
    )
    await expect(main.getByRole('article', { name: /^Message 9, user/ })).toContainText('Screenshot captured')
  })

  test('after delete, move and save, the table’s detail pane shows the message really at each place', async ({
    appPage,
    workDir,
  }) => {
    const filePath = copyPath(workDir, '03_tool_calls.json')
    const main = appPage.getByRole('main', { name: '03_tool_calls.json' })
    await main.getByRole('button', { name: 'Table', exact: true }).click()
    const table = main.getByRole('table', { name: 'Messages' })
    const row = (position: number) => table.locator(`[role=row][aria-rowindex="${position + 2}"]`)
    const pane = main.getByRole('region', { name: 'Selected message' }).getByRole('article')

    await row(1).click()
    await appPage.keyboard.press('Delete')
    await expect(table).toHaveAttribute('aria-rowcount', '11')
    await row(5).click()
    await appPage.keyboard.press('Alt+ArrowDown')
    await expect(row(6)).toHaveAttribute('aria-selected', 'true')
    await appPage.keyboard.press('Control+s')
    await expect(appPage.getByRole('region', { name: 'Notifications' })).toContainText('Saved')

    const saved = readMemory(filePath).messages
    expect(saved).toHaveLength(10)
    for (let position = 0; position < saved.length; position++) {
      await row(position).click()
      await expect(pane).toHaveAttribute(
        'aria-label',
        new RegExp(`^Message ${position}, ${saved[position].role}`),
      )
      const content = saved[position].content
      if (typeof content === 'string' && content !== '' && !content.startsWith('{'))
        await expect(pane.locator('.text-raw')).toHaveText(content)
    }
  })
})
