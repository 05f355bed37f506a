import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test as base } from '../support/app'

// CPython 3.12's json.load reads 1,497 levels (scripts/measure-python-json-depth.py): MARSYS loads such a file,
// so the app must show it. 3 containers sit around a message's content (root, messages, the message).
const DEPTH = 1497
const deepContent = '['.repeat(DEPTH - 3) + '"needle at the bottom"' + ']'.repeat(DEPTH - 3)
const deepState = '{"plan": '.repeat(DEPTH - 1) + '"last step"' + '}'.repeat(DEPTH - 1)
const text =
  '{"memory_type": "conversation_history", "messages": [{"role": "user", "content": "hello"}, ' +
  `{"role": "user", "content": ${deepContent}}], "additional_state": ${deepState}}`

const test = base.extend({
  appArgs: async ({ workDir }, use) => {
    const path = join(workDir, 'deep.json')
    writeFileSync(path, text)
    await use([path])
  },
})

test('a file nested as deep as MARSYS loads on Python 3.12 opens and shows its messages', async ({
  appPage,
}) => {
  const main = appPage.getByRole('main', { name: 'deep.json' })
  await expect(main.getByTestId('message-count')).toHaveText('2 messages', { timeout: 30_000 })
  const deep = main.getByRole('article', { name: /^Message 1, user/ })
  await expect(deep).toBeVisible()
  await expect(deep).toContainText('needle at the bottom')

  await appPage.getByRole('button', { name: 'Agent state' }).click()
  const state = appPage.getByRole('complementary', { name: 'Agent state' }).getByRole('group', {
    name: 'additional_state',
  })
  await expect(state).toContainText('plan')
})
