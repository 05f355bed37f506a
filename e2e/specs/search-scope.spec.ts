import { expect, test } from '../support/app'
import { fixture } from '../support/marsysFixtures'
import { callApi, seedMessages, sessionDocument } from '../support/sessionApi'

const tab = (page: import('@playwright/test').Page, name: string) =>
  page
    .getByRole('navigation', { name: 'Pages and open documents' })
    .getByRole('button', { name, exact: true })

test.describe('search scope', () => {
  test.use({ appArgs: [fixture('03_tool_calls.json'), fixture('01_plain_conversation.json')] })

  test('the counter follows the tab, and a scope or option change searches again at once', async ({
    appPage,
  }) => {
    await tab(appPage, '03_tool_calls.json').click()
    const tools = appPage.getByRole('main', { name: '03_tool_calls.json' })
    await expect(tools.getByRole('article').first()).toBeVisible()
    const search = appPage.getByRole('searchbox', { name: 'Search', exact: true })
    const counter = appPage.getByRole('search').getByRole('status')
    await search.fill('berlin')
    await search.press('Enter')
    await expect(counter).toHaveText('1 of 4 results')
    await search.press('Enter')
    await expect(counter).toHaveText('2 of 4 results')

    // Another tab: its own results for the same query (the plain conversation never names Berlin).
    await tab(appPage, '01_plain_conversation.json').click()
    await expect(appPage.getByRole('main', { name: '01_plain_conversation.json' })).toBeVisible()
    await expect(counter).toHaveText('no results')
    await appPage.keyboard.press('F3')
    await expect(appPage.getByRole('main', { name: '03_tool_calls.json' })).toHaveCount(0)

    // Back: the first tab's results and position are still there, and F3 goes on from them.
    await tab(appPage, '03_tool_calls.json').click()
    await expect(counter).toHaveText('2 of 4 results')
    await appPage.keyboard.press('F3')
    await expect(counter).toHaveText('3 of 4 results')

    // Scope and options: no Enter needed.
    await appPage.getByRole('combobox', { name: 'Search scope' }).selectOption('all')
    await expect(counter).toHaveText('4 results')
    await appPage.getByRole('button', { name: 'Match case' }).click()
    // Case-sensitive, only the call id's lowercase "berlin" (in the call and in its result) is left.
    await expect(counter).toHaveText('2 results')
    const results = appPage
      .getByRole('complementary', { name: 'Search' })
      .getByRole('list', { name: 'Search results' })
    await expect(results.getByRole('listitem')).toHaveCount(2)
    await expect(results.getByRole('listitem').first()).toContainText('03_tool_calls.json')
  })
})

test('a whole-store hit in a session that is not open opens it at the message', async ({ appPage }) => {
  await callApi(appPage, 'session.create', { session_id: 'archive' })
  await seedMessages(appPage, 'archive', 30)
  await callApi(appPage, 'document.close', { id: await sessionDocument(appPage, 'archive') })
  await expect(tab(appPage, 'archive')).toHaveCount(0)

  await appPage.getByRole('combobox', { name: 'Search scope' }).selectOption('store')
  const search = appPage.getByRole('searchbox', { name: 'Search', exact: true })
  await search.fill('Message 27 text')
  await search.press('Enter')
  const results = appPage
    .getByRole('complementary', { name: 'Search' })
    .getByRole('list', { name: 'Search results' })
  const hit = results.getByRole('button', { name: /^session archive #27/ })
  await expect(hit).toHaveCount(1, { timeout: 30_000 })
  await expect(appPage.getByRole('search').getByRole('status')).toHaveText(/^(1 of )?1 result$/)

  // F3 away from the search field steps to the hit as Enter does: the session opens at the message.
  await appPage.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await appPage.keyboard.press('F3')
  const main = appPage.getByRole('main', { name: 'archive', exact: true })
  const found = main.getByRole('article', { name: 'Message 27, assistant' })
  await expect(found).toHaveAttribute('aria-current', 'true')
  await expect(found).toBeInViewport()
  await expect(found.locator('mark')).toHaveText(['Message 27 text'])

  // And a click on the hit opens it again once its tab is closed.
  await callApi(appPage, 'document.close', { id: await sessionDocument(appPage, 'archive') })
  await expect(tab(appPage, 'archive')).toHaveCount(0)
  await hit.click()
  await expect(found).toHaveAttribute('aria-current', 'true')
  await expect(found).toBeInViewport()
})
