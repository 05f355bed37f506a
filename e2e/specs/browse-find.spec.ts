import { expect, test } from '../support/app'
import { fixture } from '../support/marsysFixtures'

test.describe('search in one document', () => {
  test.use({ appArgs: [fixture('03_tool_calls.json')] })

  test('counts results, jumps to each and marks the match', async ({ appPage }) => {
    const main = appPage.getByRole('main', { name: '03_tool_calls.json' })
    await expect(main.getByRole('article').first()).toBeVisible()
    await appPage.keyboard.press('/')
    const search = appPage.getByRole('searchbox', { name: 'Search', exact: true })
    await expect(search).toBeFocused()
    await search.fill('berlin')
    await search.press('Enter')
    // Message 1 (the question) and 10 (the answer) name Berlin; message 2 calls get_weather with it in its
    // arguments and id, and message 4 answers that call (tool_call_id call_wx_berlin).
    await expect(appPage.getByRole('search').getByRole('status')).toHaveText('1 of 4 results')
    const results = appPage
      .getByRole('complementary', { name: 'Search' })
      .getByRole('list', { name: 'Search results' })
    await expect(results.getByRole('listitem')).toHaveCount(4)
    await expect(results.getByRole('listitem').nth(1)).toContainText('"city": "Berlin"')
    await expect(results.getByRole('listitem').nth(2)).toContainText('call_wx_berlin')
    const first = main.getByRole('article', { name: /^Message 1, user/ })
    await expect(first).toHaveAttribute('aria-current', 'true')
    await expect(first.locator('mark')).toHaveText(['Berlin'])

    await results.getByRole('button').nth(3).click()
    await expect(appPage.getByRole('search').getByRole('status')).toHaveText('4 of 4 results')
    const answer = main.getByRole('article', { name: /^Message 10, assistant/ })
    await expect(answer).toHaveAttribute('aria-current', 'true')
    await expect(answer.locator('mark')).toHaveText(['Berlin'])
    await appPage.keyboard.press('F3')
    await expect(first).toHaveAttribute('aria-current', 'true')
  })

  test('searches tool names with regex and case options, and jumps in the sorted table', async ({
    appPage,
  }) => {
    const main = appPage.getByRole('main', { name: '03_tool_calls.json' })
    await main.getByRole('button', { name: 'Table', exact: true }).click()
    const table = main.getByRole('table', { name: 'Messages' })
    await table.getByRole('button', { name: 'Tokens' }).click()
    await table.getByRole('button', { name: 'Tokens' }).click()
    await expect(table.getByRole('columnheader', { name: /Tokens/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    )

    const search = appPage.getByRole('searchbox', { name: 'Search', exact: true })
    await appPage.getByRole('button', { name: 'Regular expression' }).click()
    await appPage.getByRole('button', { name: 'Match case' }).click()
    await search.fill('^c_to_[f]$')
    await search.press('Enter')
    // The call's tool name in message 5; the result's tool name and its `name` in message 6.
    const panel = appPage.getByRole('complementary', { name: 'Search' })
    await expect(panel.getByRole('list', { name: 'Search results' }).getByRole('listitem')).toHaveCount(3)
    await expect(panel.getByRole('status')).toContainText('3 results')
    // The first hit, message 5 (the c_to_f call), is selected in the table wherever the sort put it.
    await expect(table.locator('[role=row][aria-selected=true]').getByRole('cell').first()).toHaveText('5')
    await expect(main.getByRole('region', { name: 'Selected message' }).getByRole('article')).toHaveAttribute(
      'aria-label',
      /^Message 5, assistant/,
    )

    await search.fill('^C_TO_F$')
    await search.press('Enter')
    await expect(appPage.getByRole('search').getByRole('status')).toHaveText('no results')
  })
})

test.describe('search across open documents', () => {
  test.use({ appArgs: [fixture('01_plain_conversation.json'), fixture('03_tool_calls.json')] })

  test('finds hits in every document and switches to the hit’s document', async ({ appPage }) => {
    await appPage
      .getByRole('table', { name: 'Documents' })
      .getByRole('button', { name: '03_tool_calls.json' })
      .click()
    await appPage.getByRole('combobox', { name: 'Search scope' }).selectOption('all')
    const search = appPage.getByRole('searchbox', { name: 'Search', exact: true })
    await search.fill('the')
    await search.press('Enter')
    const results = appPage
      .getByRole('complementary', { name: 'Search' })
      .getByRole('list', { name: 'Search results' })
    const other = results.getByRole('button', { name: /^01_plain_conversation\.json/ }).first()
    await expect(other).toBeVisible()
    await other.click()
    const main = appPage.getByRole('main', { name: '01_plain_conversation.json' })
    await expect(main).toBeVisible()
    await expect(main.locator('article[aria-current="true"] mark').first()).toHaveText(/the/i)
  })
})

test.describe('lint', () => {
  test.use({ appArgs: [fixture('07_dict_and_list_content.json')] })

  test('lists orphan results, empty messages and repeated roles, and jumps to them', async ({ appPage }) => {
    const main = appPage.getByRole('main', { name: '07_dict_and_list_content.json' })
    await main.getByRole('button', { name: 'Table', exact: true }).click()
    await main.getByRole('button', { name: /^Lint/ }).click()
    const lint = appPage.getByRole('complementary', { name: 'Lint' })
    await expect(lint.getByRole('status')).toHaveText('2 warnings, 6 info')
    const problems = lint.getByRole('list', { name: 'Problems' })
    await expect(problems).toContainText('Tool result #7 answers no earlier tool call')
    await expect(problems).toContainText('Message #6 is empty')
    await expect(problems).toContainText('Message #2 is a second assistant turn in a row')
    await problems.getByRole('button', { name: /Tool result #8/ }).click()
    await expect(main.getByRole('region', { name: 'Selected message' }).getByRole('article')).toHaveAttribute(
      'aria-label',
      /^Message 8, tool/,
    )
    await expect(
      main.getByRole('table', { name: 'Messages' }).locator('[role=row][aria-selected=true]'),
    ).toContainText('dicter')
  })
})

test.describe('lint on files MARSYS cannot load', () => {
  test.use({ appArgs: [fixture('load_inputs_handmade/missing_role.json')] })

  test('marks the unloadable message as an error', async ({ appPage }) => {
    await appPage.getByRole('button', { name: /^Lint/ }).click()
    const lint = appPage.getByRole('complementary', { name: 'Lint' })
    const problem = lint.getByRole('listitem').filter({ has: appPage.getByRole('img', { name: 'error' }) })
    await expect(problem).toContainText("Message #1: message has no 'role'")
    await problem.getByRole('button').click()
    await expect(appPage.getByRole('article', { name: /^Message 1, / })).toHaveAttribute(
      'aria-current',
      'true',
    )
  })
})
