import { afterEach, describe, expect, it } from 'vitest'
import type { StoreSearchResult } from '../../shared/domains/store/storeSearchSchemas'
import { disposeServices, type Services } from './services'
import { dispatch } from './dispatch'
import { createHandlers } from './handlers'
import { createTestServices } from './testing/testServices'

const opened: Services[] = []
afterEach(async () => {
  for (const services of opened.splice(0)) await disposeServices(services)
})

function setup() {
  const services = createTestServices()
  opened.push(services)
  const handlers = createHandlers(services)
  const call = (channel: string, input: unknown) => dispatch(handlers, channel, input)
  /** Searches until the index has caught up with every change made so far. */
  const search = async (input: Record<string, unknown>): Promise<StoreSearchResult> => {
    for (;;) {
      const answer = (await call('store.search', input)) as { ok: boolean; data: StoreSearchResult }
      expect(answer.ok).toBe(true)
      if (!answer.data.indexing) return answer.data
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }
  return { services, call, search }
}

const where = (result: StoreSearchResult) => result.hits.map((hit) => `${hit.sessionId}#${hit.index}`)

describe('store.search', () => {
  it('finds messages of sessions that are not open, and follows edits made in the app', async () => {
    const { call, search } = setup()
    await call('session.create', { session_id: 'closed' })
    await call('session.create', { session_id: 'edited' })
    const doc = ((await call('session.open', { id: 'edited' })) as { data: { id: string } }).data.id
    await call('document.edit', {
      id: doc,
      revision: 0,
      commands: [
        { op: 'insert', index: 0, role: 'user', text: 'Weather in Berlin?' },
        { op: 'insert', index: 1, role: 'assistant', text: 'Checking the forecast.' },
      ],
    })
    await call('document.close', { id: doc })
    const closedDoc = ((await call('session.open', { id: 'closed' })) as { data: { id: string } }).data.id
    await call('document.edit', {
      id: closedDoc,
      revision: 0,
      commands: [{ op: 'insert', index: 0, role: 'user', text: 'Berlin trip notes' }],
    })
    await call('document.close', { id: closedDoc })

    const berlin = await search({ text: 'berlin' })
    expect(where(berlin).sort()).toEqual(['closed#0', 'edited#0'])
    expect(berlin).toMatchObject({ total: 2, complete: true, sessions: 2 })

    const reopened = ((await call('session.open', { id: 'edited' })) as { data: { id: string } }).data.id
    await call('document.edit', {
      id: reopened,
      revision: 0,
      commands: [{ op: 'setContentText', index: 0, text: 'Weather in Paris?' }],
    })
    expect(where(await search({ text: 'berlin' }))).toEqual(['closed#0'])
    expect(where(await search({ text: 'paris' }))).toEqual(['edited#0'])

    await call('session.delete', { id: 'closed' })
    expect((await search({ text: 'berlin' })).total).toBe(0)
  })

  it('refuses a pattern RE2 cannot run and a page over the limit', async () => {
    const { call } = setup()
    expect(await call('store.search', { text: '(a)\\1', regex: true })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await call('store.search', { text: 'a', limit: 501 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })
})
