import { readFileSync } from 'node:fs'
import { expect, test } from '../support/app'
import { fixture } from '../support/marsysFixtures'

test.describe('tool calls', () => {
  test.use({ appArgs: [fixture('03_tool_calls.json')] })

  test('are shown with their arguments and paired with their results both ways', async ({ appPage }) => {
    const main = appPage.getByRole('main', { name: '03_tool_calls.json' })
    const call = main.getByRole('article', { name: /^Message 2, assistant/ })
    const paris = call.getByRole('listitem', { name: 'Tool call get_weather' }).first()
    await expect(paris.getByLabel('Arguments of get_weather')).toHaveText('{\n  "city": "Paris"\n}')
    await expect(call.getByRole('button', { name: '→ result #4' })).toBeVisible()

    await paris.getByText('Result #3 inline').click()
    await expect(paris).toContainText('"temp_c": 18')

    await paris.getByRole('button', { name: '→ result #3' }).click()
    const result = main.getByRole('article', { name: /^Message 3, tool/ })
    await expect(result).toHaveAttribute('aria-current', 'true')
    await expect(result).toContainText('answers call_wx_paris')
    await result.getByRole('button', { name: '← call in #2' }).click()
    await expect(call).toHaveAttribute('aria-current', 'true')

    // A dict content saved as a JSON string is pretty-printed, with its exact string one click away.
    await expect(result.locator('.json-block')).toHaveText('{\n  "temp_c": 18,\n  "sky": "cloudy"\n}')
    await result.getByRole('button', { name: 'Raw', exact: true }).click()
    await expect(result.locator('.text-raw')).toHaveText('{"temp_c": 18, "sky": "cloudy"}')
  })

  test('show a message’s raw JSON exactly as in the file, with a copy button', async ({ appPage }) => {
    const main = appPage.getByRole('main', { name: '03_tool_calls.json' })
    const card = main.getByRole('article', { name: /^Message 6, tool/ })
    await card.getByRole('button', { name: 'Raw JSON' }).click()
    const raw = card.getByRole('region', { name: 'Raw JSON of message 6' })
    const file = readFileSync(fixture('03_tool_calls.json'), 'utf8')
    const text = (await raw.locator('pre').textContent()) ?? ''
    // The message's own bytes: from its opening brace to its closing one, indentation and all.
    expect(text).toMatch(/^\{\n\s+"role": "tool",[\s\S]*"tool_call_id": "call_conv_1",[\s\S]*\}$/)
    expect(file).toContain(text)
    await expect(raw.getByRole('button', { name: 'Copy raw JSON' })).toBeVisible()
  })
})

test.describe('unpaired tool messages', () => {
  test.use({ appArgs: [fixture('07_dict_and_list_content.json')] })

  test('flag orphan results, in the table and on the message', async ({ appPage }) => {
    const main = appPage.getByRole('main', { name: '07_dict_and_list_content.json' })
    await main.getByRole('button', { name: 'Table', exact: true }).click()
    const row = main.getByRole('table', { name: 'Messages' }).getByRole('row').filter({ hasText: 'lister' })
    await expect(row.getByRole('cell').last()).toHaveText('orphan result')
    await row.click()
    const card = main
      .getByRole('region', { name: 'Selected message' })
      .getByRole('article', { name: /^Message 7, tool/ })
    await expect(card).toContainText('no earlier tool call has id call_list')
  })
})

test.describe('images', () => {
  test.use({ appArgs: [fixture('05_images.json')] })

  test('show size and MIME, load their thumbnails and enlarge in a dialog', async ({ appPage }) => {
    const card = appPage.getByRole('article', { name: /^Message 2, user/ })
    await expect(card).toContainText('gif · 43 B')
    const png = card.getByRole('img', { name: 'image 2 (png, 69 B)' })
    await expect(png).toBeVisible()
    await expect(png).toHaveAttribute('loading', 'lazy')
    expect(await png.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1)
    await card.getByRole('button', { name: 'Enlarge image 2 (png, 69 B)' }).click()
    const dialog = appPage.getByRole('dialog', { name: /Message 2, image 2/ })
    await expect(dialog.getByRole('img')).toBeVisible()
    await appPage.keyboard.press('Escape')
    await expect(dialog).toHaveCount(0)
  })
})

test.describe('a kg memory', () => {
  test.use({ appArgs: [fixture('10_kg_facts.json')] })

  test('shows its facts table next to the messages', async ({ appPage }) => {
    const facts = appPage.getByRole('complementary', { name: 'Facts' }).getByRole('table', { name: 'Facts' })
    await expect(facts.getByRole('row')).toHaveCount(1 + 5)
    for (const header of ['Role', 'Subject', 'Predicate', 'Object', 'Ambiguous']) {
      await expect(facts.getByRole('columnheader', { name: header })).toBeVisible()
    }
    await expect(facts.getByRole('row').nth(1)).toContainText('system_configuration')
    await expect(facts.getByRole('row').nth(1)).toContainText('has_initial_description')
    await expect(appPage.getByRole('feed', { name: /^Timeline/ }).getByRole('article')).toHaveCount(5)
    await facts.getByRole('button', { name: 'Go to message 3' }).click()
    await expect(appPage.getByRole('article', { name: /^Message 3, tool/ })).toHaveAttribute(
      'aria-current',
      'true',
    )
  })
})

test.describe('agent state with a plan', () => {
  test.use({ appArgs: [fixture('13_agent_state_with_planning.json')] })

  test('shows the planning checklist and the additional_state tree', async ({ appPage }) => {
    await appPage.getByRole('button', { name: 'Agent state' }).click()
    const panel = appPage.getByRole('complementary', { name: 'Agent state' })
    const plan = panel.getByRole('region', { name: 'Plan' })
    await expect(plan).toContainText('Goal: Migrate the database')
    const items = plan.getByRole('list', { name: 'Plan items' })
    await expect(items.getByRole('listitem', { name: 'Back up: completed' })).toContainText('✓')
    await expect(items.getByRole('listitem', { name: 'Migrate: in progress' })).toContainText('◐')
    await expect(panel.getByRole('group', { name: 'additional_state' })).toContainText('tools_version')
  })
})

test.describe('plain text', () => {
  test.use({ appArgs: [fixture('02_system_prompt.json')] })

  test('is raw by default and rendered as Markdown on request', async ({ appPage }) => {
    const main = appPage.getByRole('main', { name: '02_system_prompt.json' })
    const system = main.getByRole('article', { name: /^Message 0, system/ })
    const raw = await system.locator('.text-raw').textContent()
    expect(raw).toContain('\n')
    await main.getByRole('button', { name: 'Markdown' }).click()
    await expect(system.locator('.text-md')).toBeVisible()
    await expect(main.getByRole('article', { name: /assistant, / })).toBeVisible()
  })
})
