import { expect, test as base } from '../support/app'
import { copiedPaths, copyPath, readMemory, readText } from '../support/editing'
import { messageTexts } from '../support/memoryFileText'

const test = base.extend<{ copies: string[] }>({
  copies: [[], { option: true }],
  appArgs: async ({ workDir, copies }, use) => use(copiedPaths(workDir, copies)),
})

test.describe('editing and saving', () => {
  test.use({ copies: ['03_tool_calls.json'] })

  test('edits a text and a tool call’s arguments, undoes, redoes, and saves exactly what it showed', async ({
    appPage,
    workDir,
  }) => {
    const filePath = copyPath(workDir, '03_tool_calls.json')
    const original = readText(filePath)
    const main = appPage.getByRole('main', { name: '03_tool_calls.json' })
    const tab = appPage.getByRole('navigation', { name: 'Pages and open documents' }).getByRole('button', {
      name: /^03_tool_calls\.json/,
    })

    const user = main.getByRole('article', { name: /^Message 1, user/ })
    await user.getByRole('button', { name: 'Edit', exact: true }).click()
    const userEditor = user.getByRole('form', { name: 'Edit message 1' })
    await userEditor.getByLabel('Content text').fill('Weather in Lyon, please.\nAnd "quotes".')
    await userEditor.getByRole('button', { name: 'Apply' }).click()
    await expect(userEditor).toHaveCount(0)
    await expect(user.locator('.text-raw')).toHaveText('Weather in Lyon, please.\nAnd "quotes".')
    await expect(tab).toContainText('●')
    await expect(appPage).toHaveTitle('• 03_tool_calls.json — Memory Inspector')

    const call = main.getByRole('article', { name: /^Message 2, assistant/ })
    await call.getByRole('button', { name: 'Edit', exact: true }).click()
    const callEditor = call.getByRole('form', { name: 'Edit message 2' })
    const arguments_ = callEditor.getByRole('group', { name: 'Tool call 1' }).getByLabel('Arguments')
    await arguments_.fill('{"city": "Lyon"')
    await expect(callEditor.getByRole('group', { name: 'Tool call 1' })).toContainText(
      'Arguments are not valid JSON',
    )
    await arguments_.fill('{"city": "Lyon"}')
    await expect(callEditor.getByRole('group', { name: 'Tool call 1' })).not.toContainText('not valid JSON')
    await callEditor.getByRole('button', { name: 'Apply' }).click()
    const lyon = call.getByRole('listitem', { name: 'Tool call get_weather' }).first()
    await expect(lyon.getByLabel('Arguments of get_weather')).toHaveText('{\n  "city": "Lyon"\n}')

    const undo = main.getByRole('toolbar', { name: 'Editing' }).getByRole('button', { name: 'Undo' })
    await expect(undo).toHaveAttribute('title', /Edit tool call of #2/)
    // Undo and redo from the keyboard, with the focus on the document (not in a text field).
    await call.click()
    await appPage.keyboard.press('Control+z')
    await expect(lyon.getByLabel('Arguments of get_weather')).toHaveText('{\n  "city": "Paris"\n}')
    await expect(user.locator('.text-raw')).toHaveText('Weather in Lyon, please.\nAnd "quotes".')
    await expect(undo).toHaveAttribute('title', /Edit content of #1/)
    await appPage.keyboard.press('Control+Shift+z')
    await expect(lyon.getByLabel('Arguments of get_weather')).toHaveText('{\n  "city": "Lyon"\n}')

    await main
      .getByRole('toolbar', { name: 'Editing' })
      .getByRole('button', { name: 'Save', exact: true })
      .click()
    await expect(appPage.getByRole('region', { name: 'Notifications' })).toContainText(
      'Saved 2 changed messages to 03_tool_calls.json · backup at',
    )
    await expect(tab).not.toContainText('●')
    await expect(appPage).toHaveTitle('03_tool_calls.json — Memory Inspector')

    const saved = readText(filePath)
    const memory = readMemory(filePath)
    expect(memory.messages[1].content).toBe('Weather in Lyon, please.\nAnd "quotes".')
    const calls = memory.messages[2].tool_calls as { function: { arguments: string } }[]
    expect(calls[0].function.arguments).toBe('{"city": "Lyon"}')
    expect(calls[1].function.arguments).toBe('{"city": "Berlin", "units": "metric"}')
    expect(memory.timestamp).not.toBe(readMemory(`${filePath}.bak`).timestamp)
    expect(readText(`${filePath}.bak`)).toBe(original)

    const before = messageTexts(original)
    const after = messageTexts(saved)
    expect(after).toHaveLength(before.length)
    for (let i = 0; i < before.length; i++) if (i !== 1 && i !== 2) expect(after[i]).toBe(before[i])
    expect(after[1]).not.toBe(before[1])
  })
})

test.describe('dict content saved as a JSON string', () => {
  test.use({ copies: ['03_tool_calls.json'] })

  test('is edited as JSON text and stays a string in the file', async ({ appPage, workDir }) => {
    const filePath = copyPath(workDir, '03_tool_calls.json')
    const main = appPage.getByRole('main', { name: '03_tool_calls.json' })
    const result = main.getByRole('article', { name: /^Message 3, tool/ })
    await result.getByRole('button', { name: 'Edit', exact: true }).click()
    const editor = result.getByRole('form', { name: 'Edit message 3' })
    const text = editor.getByRole('textbox', { name: 'Content text (a JSON string)' })
    await expect(text).toHaveText('{"temp_c": 18, "sky": "cloudy"}')
    await text.fill('{"temp_c": 21, "sky": ')
    await expect(editor).toContainText('Not valid JSON (it is saved as this text anyway)')
    await text.fill('{"temp_c": 21, "sky": "sunny"}')
    await editor.getByRole('button', { name: 'Apply' }).click()
    await expect(result.locator('.json-block')).toHaveText('{\n  "temp_c": 21,\n  "sky": "sunny"\n}')
    await appPage.keyboard.press('Control+s')
    await expect(appPage.getByRole('region', { name: 'Notifications' })).toContainText(
      'Saved 1 changed message',
    )
    expect(readMemory(filePath).messages[3]).toEqual({
      role: 'tool',
      content: '{"temp_c": 21, "sky": "sunny"}',
      tool_call_id: 'call_wx_paris',
      name: 'get_weather',
    })
  })
})

test.describe('save as in web mode', () => {
  test.use({ copies: ['01_plain_conversation.json'] })

  test('asks for a path, writes there, and confirms before replacing a file', async ({
    appPage,
    workDir,
  }) => {
    const source = copyPath(workDir, '01_plain_conversation.json')
    const target = copyPath(workDir, 'renamed.json')
    const main = appPage.getByRole('main', { name: '01_plain_conversation.json' })
    await main.getByRole('article', { name: /^Message 3,/ }).click()
    await appPage.keyboard.press('Delete')
    await expect(main.getByTestId('message-count')).toHaveText('3 messages')

    await appPage.keyboard.press('Control+Shift+s')
    const dialog = appPage.getByRole('dialog', { name: 'Save as' })
    await expect(dialog.getByLabel('File path')).toHaveValue(source)
    await expect(dialog.getByLabel('File path')).toBeFocused()
    await dialog.getByLabel('File path').fill(target)
    await dialog.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(dialog).toHaveCount(0)
    const notifications = appPage.getByRole('region', { name: 'Notifications' })
    await expect(notifications).toContainText('Saved 1 changed message to renamed.json')
    expect(readMemory(target).messages).toHaveLength(3)
    expect(readMemory(source).messages).toHaveLength(4)
    // The document is the new file now.
    await expect(appPage.getByRole('main', { name: 'renamed.json' })).toBeVisible()

    await appPage.keyboard.press('Control+Shift+s')
    await dialog.getByLabel('File path').fill(source)
    await dialog.getByRole('button', { name: 'Save', exact: true }).click()
    const replace = appPage.getByRole('dialog', { name: 'Replace the existing file?' })
    await expect(replace).toContainText(source)
    await replace.getByRole('button', { name: 'Overwrite' }).click()
    await expect(replace).toHaveCount(0)
    await expect(notifications).toContainText(
      'Saved 1 changed message to 01_plain_conversation.json · backup at',
    )
    expect(readMemory(source).messages).toHaveLength(3)
  })
})
