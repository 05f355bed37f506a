import { expect, test as base } from '../support/app'
import { copiedPaths, copyPath, readText } from '../support/editing'

const test = base.extend<{ copies: string[] }>({
  copies: [[], { option: true }],
  appArgs: async ({ workDir, copies }, use) => use(copiedPaths(workDir, copies)),
})

test.describe('agent state', () => {
  test.use({ copies: ['13_agent_state_with_planning.json'] })

  test('additional_state is edited as JSON and saved', async ({ appPage, workDir }) => {
    const filePath = copyPath(workDir, '13_agent_state_with_planning.json')
    await appPage.getByRole('button', { name: 'Agent state' }).click()
    const panel = appPage.getByRole('complementary', { name: 'Agent state' })
    await panel.getByRole('button', { name: 'Edit additional_state' }).click()
    const editor = panel.getByRole('form', { name: 'Edit additional_state' })
    const json = editor.getByRole('textbox', { name: 'additional_state JSON' })
    await expect(json).toContainText('"planning"')
    await json.fill('{"tools_version": 4, "note": "edited"')
    await expect(editor).toContainText('JSON error')
    await json.fill('{"tools_version": 4, "note": "edited"}')
    await editor.getByRole('button', { name: 'Apply' }).click()
    await expect(editor).toHaveCount(0)
    await expect(panel.getByRole('group', { name: 'additional_state' })).toContainText('edited')
    await expect(panel.getByRole('region', { name: 'Plan' })).toHaveCount(0)

    await appPage.keyboard.press('Control+s')
    await expect(appPage.getByRole('region', { name: 'Notifications' })).toContainText('Saved')
    const file = readText(filePath)
    expect(file).toMatch(
      /"additional_state": \{\n {4}"tools_version": 4,\n {4}"note": "edited"\n {2}\}\n?\}$/,
    )
  })
})
