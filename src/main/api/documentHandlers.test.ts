import { afterEach, describe, expect, it } from 'vitest'
import { fixturePath } from '../engine/testing/fixtures'
import { dispatch } from './dispatch'
import { createHandlers } from './handlers'
import type { Services } from './services'
import { createTestServices } from './testServices'

const opened: Services[] = []
afterEach(() => {
  for (const services of opened.splice(0)) services.documents.dispose()
})

async function openFixture(name: string) {
  const services = createTestServices()
  opened.push(services)
  const handlers = createHandlers(services)
  const call = async (channel: string, input: unknown) => {
    const result = await dispatch(handlers, channel, input)
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
    return result.data as never
  }
  const { documents } = (await call('document.open', { paths: [fixturePath(name)] })) as {
    documents: { id: string }[]
  }
  return { id: documents[0].id, call, handlers }
}

describe('document channels', () => {
  it('answers windows of rows, sorted and filtered in main, and where a message sits in that order', async () => {
    const { id, call } = await openFixture('03_tool_calls.json')
    const all = (await call('document.rows', { id, offset: 0, limit: 100 })) as {
      total: number
      rows: { index: number; role: string }[]
    }
    expect(all.total).toBe(11)
    expect(all.rows.map((row) => row.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    const window = (await call('document.rows', { id, offset: 2, limit: 3 })) as { rows: { index: number }[] }
    expect(window.rows.map((row) => row.index)).toEqual([2, 3, 4])
    const tools = (await call('document.rows', {
      id,
      offset: 0,
      limit: 100,
      filter: { roles: ['tool'] },
    })) as {
      total: number
      rows: { role: string; toolCallId: string | null }[]
    }
    expect(tools.total).toBe(4)
    expect(tools.rows.every((row) => row.role === 'tool' && row.toolCallId)).toBe(true)
    const byTokens = (await call('document.rows', {
      id,
      offset: 0,
      limit: 100,
      sort: { column: 'tokens', descending: true },
    })) as {
      rows: { tokens: number }[]
    }
    const tokens = byTokens.rows.map((row) => row.tokens)
    expect(tokens).toEqual([...tokens].sort((a, b) => b - a))
    expect(await call('document.position', { id, index: 6, filter: { roles: ['tool'] } })).toEqual({
      position: 2,
    })
    expect(await call('document.position', { id, index: 1, filter: { roles: ['tool'] } })).toEqual({
      position: null,
    })
  })

  it('pairs tool calls with their results in a message detail, and keeps the raw bytes', async () => {
    const { id, call } = await openFixture('03_tool_calls.json')
    const call2 = (await call('document.message', { id, index: 2 })) as {
      toolCalls: { name: string; resultIndex: number | null; parsedArguments?: unknown }[]
      raw: string
    }
    expect(call2.toolCalls.map((c) => [c.name, c.resultIndex])).toEqual([
      ['get_weather', 3],
      ['get_weather', 4],
    ])
    expect(call2.toolCalls[0].parsedArguments).toEqual({ city: 'Paris' })
    expect(call2.raw.startsWith('{\n      "role": "assistant"')).toBe(true)
    expect(await call('document.message', { id, index: 3 })).toMatchObject({
      answersIndex: 2,
      contentShape: 'json-string',
    })
    await expect(call('document.message', { id, index: 11 })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('serves inline images one at a time, with their MIME type and size', async () => {
    const { id, call } = await openFixture('05_images.json')
    const rows = (await call('document.rows', { id, offset: 0, limit: 100 })) as { rows: { index: number }[] }
    let found = false
    for (const { index } of rows.rows) {
      const detail = (await call('document.message', { id, index })) as {
        parts: { kind: string; partIndex: number; isDataUrl?: boolean; url?: string }[]
      }
      const remote = detail.parts.find((part) => part.kind === 'image' && !part.isDataUrl)
      if (remote) {
        // A remote URL is shown as a link, never fetched: there is nothing inline to serve.
        expect(remote.url).toMatch(/^https?:/)
        await expect(
          call('document.image', { id, index, partIndex: remote.partIndex }),
        ).rejects.toMatchObject({
          code: 'NOT_FOUND',
        })
      }
      const image = detail.parts.find((part) => part.kind === 'image' && part.isDataUrl)
      if (!image) continue
      const served = (await call('document.image', { id, index, partIndex: image.partIndex })) as {
        dataUrl: string
        mime: string
        bytes: number
      }
      expect(served.dataUrl.startsWith(`data:${served.mime};base64,`)).toBe(true)
      expect(served.bytes).toBeGreaterThan(0)
      found = true
    }
    expect(found).toBe(true)
  })

  it('shows a MARSYS plan from additional_state and the facts of a kg file', async () => {
    const plan = await openFixture('13_agent_state_with_planning.json')
    const state = (await plan.call('document.additionalState', { id: plan.id })) as {
      present: boolean
      plan: { items: unknown[] } | null
    }
    expect(state.present).toBe(true)
    expect(state.plan?.items.length).toBeGreaterThan(0)
    const kg = await openFixture('10_kg_facts.json')
    const facts = (await kg.call('document.facts', { id: kg.id })) as {
      role: string
      subject: string
      text: string
    }[]
    expect(facts.length).toBe(5)
    expect(facts[0]).toMatchObject({ role: 'system', subject: 'system_configuration' })
  })

  it('refuses an edit at a stale revision with CONFLICT', async () => {
    const { id, call } = await openFixture('01_plain_conversation.json')
    const state = (await call('document.edit', {
      id,
      revision: 0,
      commands: [{ op: 'delete', indices: [0] }],
    })) as { revision: number; dirty: boolean }
    expect(state).toMatchObject({ revision: 1, dirty: true, canUndo: true })
    await expect(
      call('document.edit', { id, revision: 0, commands: [{ op: 'delete', indices: [0] }] }),
    ).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(await call('document.undo', { id })).toMatchObject({ revision: 2, dirty: false, canRedo: true })
  })
})

describe('additional_state for editing', () => {
  it('comes with its exact text: NaN, Infinity and number spellings survive', async () => {
    const { id, call } = await openFixture('15_nan_in_additional_state.json')
    const view = (await call('document.additionalState', { id })) as { present: boolean; raw: string }
    expect(view.present).toBe(true)
    expect(view.raw).toMatch(/\bNaN\b/)
    expect(view.raw).toMatch(/\bInfinity\b/)
    expect(
      await call('document.edit', {
        id,
        revision: 0,
        commands: [{ op: 'setAdditionalState', json: view.raw }],
      }),
    ).toMatchObject({
      dirty: true,
    })
    expect(((await call('document.additionalState', { id })) as { raw: string }).raw).toBe(view.raw)
  })
})
