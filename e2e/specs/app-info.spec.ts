import { expect, test } from '../support/app'

test('the window shows app.info as it came through the contract', async ({ appPage }, testInfo) => {
  await expect(appPage).toHaveTitle('Memory Inspector')
  const about = appPage.getByRole('region', { name: 'About this app' })
  await expect(about).toBeVisible()
  await expect(about.getByTestId('app-version')).toHaveText(/^\d+\.\d+\.\d+/)
  await expect(about.getByTestId('app-platform')).toHaveText(/^(linux|darwin|win32)-/)
  await expect(about.getByTestId('app-data-dir')).toContainText('data')
  const door = testInfo.project.name === 'electron' ? 'Electron IPC' : 'Web mode (HTTP)'
  await expect(about.getByTestId('app-door')).toHaveText(door)
})

test('the token is taken out of the address bar after the first load', async ({ appPage }, testInfo) => {
  test.skip(testInfo.project.name !== 'web', 'web mode only')
  await expect(appPage.getByTestId('app-door')).toBeVisible()
  expect(new URL(appPage.url()).searchParams.has('token')).toBe(false)
  await appPage.reload()
  await expect(appPage.getByTestId('app-door')).toHaveText('Web mode (HTTP)')
})
