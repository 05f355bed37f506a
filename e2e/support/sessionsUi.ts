import { expect, type Locator, type Page } from '@playwright/test'

/** Shows the Sessions page (the store's numbers and its sessions), as a user does with its tab. */
export async function openSessionsPage(page: Page): Promise<Locator> {
  await page
    .getByRole('navigation', { name: 'Pages and open documents' })
    .getByRole('button', { name: 'Sessions' })
    .click()
  return page.getByRole('main', { name: 'Session store' })
}

/** From the Sessions page, opens session `id` in a document tab; answers the document's view. */
export async function openSessionFromList(page: Page, id: string): Promise<Locator> {
  const list = await openSessionsPage(page)
  await list.getByRole('table', { name: 'Sessions' }).getByRole('button', { name: id, exact: true }).click()
  const main = page.getByRole('main', { name: id, exact: true })
  await expect(main).toBeVisible()
  return main
}
