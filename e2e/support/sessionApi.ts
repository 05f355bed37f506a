import type { Page } from '@playwright/test'

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } }

/**
 * Calls the real HTTP API from the page, with the token web mode handed it: a fast way to make data a test is
 * not about (hundreds of messages, say). The e2e project cannot import src/shared, so answers are typed by the
 * caller.
 */
export async function callApi<T = unknown>(page: Page, channel: string, input: object): Promise<T> {
  const envelope = (await page.evaluate(
    async ({ channel, input }) => {
      const response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${sessionStorage.getItem('memory-inspector.token')}`,
        },
        body: JSON.stringify(input),
      })
      return (await response.json()) as unknown
    },
    { channel, input },
  )) as Envelope<T>
  if (!envelope.ok) throw new Error(`${channel} failed: ${envelope.error.code} ${envelope.error.message}`)
  return envelope.data
}

/** `count` alternating user/assistant messages ("Message 0 text", …), inserted as one `session.edit` batch. */
export async function seedMessages(page: Page, id: string, count: number): Promise<void> {
  const { revision } = await callApi<{ revision: number }>(page, 'session.editState', { id })
  await callApi(page, 'session.edit', {
    id,
    revision,
    commands: Array.from({ length: count }, (_, index) => ({
      op: 'insertMessage',
      index,
      role: index % 2 === 0 ? 'user' : 'assistant',
      content: `Message ${index} text`,
    })),
  })
}
