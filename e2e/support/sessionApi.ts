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

/** Opens session `id` as a document (or finds it open) and answers the document's id. */
export async function sessionDocument(page: Page, id: string): Promise<string> {
  return (await callApi<{ id: string }>(page, 'session.open', { id })).id
}

/** What an `insert` edit command adds: a role and text, or a whole message as JSON. */
export type InsertedMessage = { role: string; text: string } | { json: string }

/** Appends messages to the end of session `id` as one `document.edit` batch (one undo step; saved at once). */
export async function appendMessages(
  page: Page,
  id: string,
  messages: (messageCount: number) => InsertedMessage[],
): Promise<void> {
  const docId = await sessionDocument(page, id)
  const { messageCount } = await callApi<{ messageCount: number }>(page, 'document.summary', { id: docId })
  const { revision } = await callApi<{ revision: number }>(page, 'document.state', { id: docId })
  await callApi(page, 'document.edit', {
    id: docId,
    revision,
    commands: messages(messageCount).map((message, i) => ({
      op: 'insert',
      index: messageCount + i,
      ...message,
    })),
  })
}

/**
 * Appends `count` alternating user/assistant messages ("Message 0 text", …) to session `id`, numbered from the
 * session's current length, as one `document.edit` batch (one undo step; saved to the store at once).
 */
export async function seedMessages(page: Page, id: string, count: number): Promise<void> {
  await appendMessages(page, id, (messageCount) =>
    Array.from({ length: count }, (_, i) => ({
      role: (messageCount + i) % 2 === 0 ? 'user' : 'assistant',
      text: `Message ${messageCount + i} text`,
    })),
  )
}
