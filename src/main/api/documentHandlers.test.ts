import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { decodeWire, encodeWire } from '../../shared/wire'
import { fixturePath } from '../engine/testing/fixtures'
import { dispatch } from './dispatch'
import { EventBus } from './events'
import { createHandlers } from './handlers'
import type { Services } from './services'
import { createTestServices } from './testing/testServices'

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

describe('values nested deeper than MARSYS can load', () => {
  const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth)
  const memory = (messages: string[], extra = ''): string =>
    `{"memory_type":"conversation_history","messages":[${messages.join(',')}]${extra}}`
  const plain = (i: number): string => `{"role":"user","content":"message ${i}"}`

  async function setup() {
    const bus = new EventBus()
    const notices: string[] = []
    bus.subscribe((event, payload) => {
      if (event === 'app.notice') notices.push((payload as { message: string }).message)
    })
    const services = createTestServices({}, bus)
    opened.push(services)
    const handlers = createHandlers(services)
    const dir = mkdtempSync(join(tmpdir(), 'mi-deep-'))
    const write = (name: string, text: string): string => {
      const path = join(dir, name)
      writeFileSync(path, text)
      return path
    }
    return {
      handlers,
      notices,
      write,
      call: (channel: string, input: unknown) => dispatch(handlers, channel, input),
    }
  }

  it('a file at the deepest nesting CPython 3.12 loads (1,497) opens, indexes, searches, shows and resaves as it was', async () => {
    const { call, write } = await setup()
    // 3 containers around a content (root, messages, message) and 1 around additional_state's value.
    const deepArrays = '['.repeat(1494) + '"needle in arrays"' + ']'.repeat(1494)
    const deepObjects = '{"a":'.repeat(1494) + '"needle in objects"' + '}'.repeat(1494)
    const state = '{"a":'.repeat(1496) + '1' + '}'.repeat(1496)
    const text = memory(
      [plain(0), `{"role":"user","content":${deepArrays}}`, `{"role":"tool","content":${deepObjects}}`],
      `,"additional_state":${state}`,
    )
    const path = write('deep-ok.json', text)
    const opened = (await call('document.open', { paths: [path] })) as {
      ok: true
      data: { documents: { id: string }[] }
    }
    expect(opened.ok).toBe(true)
    const id = opened.data.documents[0].id
    expect(await call('document.rows', { id, offset: 0, limit: 10 })).toMatchObject({
      ok: true,
      data: { total: 3 },
    })
    for (const needle of ['needle in arrays', 'needle in objects'])
      expect(await call('document.search', { text: needle })).toMatchObject({ ok: true, data: { total: 1 } })
    for (const index of [1, 2]) {
      const message = (await call('document.message', { id, index })) as {
        ok: boolean
        data: { raw?: string }
      }
      expect(message.ok).toBe(true)
      // What crosses the doors reads back in the renderer.
      expect(decodeWire(encodeWire(message.data))).toEqual(message.data)
    }
    expect(await call('document.additionalState', { id })).toMatchObject({
      ok: true,
      data: { present: true },
    })
    const copy = join(dirname(path), 'copy.json')
    expect(await call('document.saveAs', { id, path: copy })).toMatchObject({ ok: true })
    expect(readFileSync(copy, 'utf8')).toBe(text)
  })

  it('a message 4,000 deep past the first chunk closes its document with the depth and path, and search goes on', async () => {
    const { call, notices, write } = await setup()
    const messages = Array.from({ length: 300 }, (_, i) =>
      i === 290 ? `{"role":"user","content":${nested(4_000)}}` : plain(i),
    )
    const deep = write('deep.json', memory(messages))
    const fine = write('fine.json', memory([plain(0)]))
    const opened = (await call('document.open', { paths: [deep, fine] })) as {
      ok: true
      data: { documents: { id: string; name: string; indexing: boolean }[] }
    }
    expect(opened.data.documents.map((d) => [d.name, d.indexing])).toEqual([
      ['deep.json', true],
      ['fine.json', false],
    ])
    // Searching before background indexing reaches message 290 indexes it now: that document goes, the other answers.
    const found = await call('document.search', { text: 'message 0' })
    expect(found).toMatchObject({
      ok: true,
      data: { total: 1, hits: [{ documentId: opened.data.documents[1].id }] },
    })
    expect(notices).toEqual([
      expect.stringMatching(
        /^deep\.json could not be opened: .*nested more than 1497 levels deep at \$\.messages\[290\]\.content\[0\]/,
      ),
    ])
    const list = (await call('document.list', {})) as { data: { name: string }[] }
    expect(list.data.map((d) => d.name)).toEqual(['fine.json'])
    expect(
      await call('document.rows', { id: opened.data.documents[0].id, offset: 0, limit: 10 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })

  it('a message 4,000 deep met by background indexing closes the document instead of leaving it indexing', async () => {
    const { call, notices, write } = await setup()
    const messages = Array.from({ length: 300 }, (_, i) =>
      i === 250 ? `{"role":"user","content":${nested(4_000)}}` : plain(i),
    )
    await call('document.open', { paths: [write('deep.json', memory(messages))] })
    for (let i = 0; i < 200 && notices.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 10))
    expect(notices).toEqual([expect.stringMatching(/deep\.json could not be opened: .*\$\.messages\[250\]/)])
    expect(await call('document.list', {})).toEqual({ ok: true, data: [] })
    expect(await call('document.search', { text: 'message' })).toMatchObject({ ok: true, data: { total: 0 } })
  })

  it('an additional_state 5,000 deep is a PARSE_ERROR naming the file, the depth and the path', async () => {
    const { call, write } = await setup()
    const path = write('state.json', memory([plain(0)], `,"additional_state":{"plan":${nested(5_000)}}`))
    const opened = (await call('document.open', { paths: [path] })) as {
      data: { documents: { id: string }[] }
    }
    const id = opened.data.documents[0].id
    expect(await call('document.additionalState', { id })).toEqual({
      ok: false,
      error: {
        code: 'PARSE_ERROR',
        message: expect.stringMatching(
          /^state\.json: additional_state cannot be shown: .*nested more than 1497 levels deep at \$\.additional_state\.plan\[0\]/,
        ),
        details: { file: path, path: expect.stringMatching(/^\$\.additional_state\.plan\[0\]/) },
      },
    })
    expect(await call('document.message', { id, index: 0 })).toMatchObject({ ok: true })
  })

  it('a reply too deep to send is refused with its path, not a stack overflow', async () => {
    const { handlers } = await setup()
    const root: unknown[] = []
    let level = root
    for (let i = 0; i < 20_000; i++) level.push((level = []))
    const result = await dispatch({ ...handlers, 'document.list': () => root as never }, 'document.list', {})
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'UNSUPPORTED',
        message: expect.stringMatching(/^The reply is nested more than 1561 levels deep at \$\[0\]\[0\]/),
      },
    })
  })
})

describe('temp files of interrupted saves', () => {
  /** The pid of a process that has exited. */
  const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid as number

  it('document.open removes those beside the file whose writer is dead or that are older than the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mi-stale-temps-'))
    const path = join(dir, 'memory.json')
    copyFileSync(fixturePath('03_tool_calls.json'), path)
    const livePid = process.ppid
    const names = {
      deadWriter: `.memory.json.${deadPid()}.0123abcd.tmp`,
      deadBackup: `.memory.json.bak.${deadPid()}.89abcdef.tmp`,
      liveOlder: `.memory.json.${livePid}.11111111.tmp`,
      liveNewer: `.memory.json.${livePid}.22222222.tmp`,
      otherFile: `.other.json.${deadPid()}.33333333.tmp`,
    }
    for (const name of Object.values(names)) writeFileSync(join(dir, name), 'partial save')
    // File times have a coarse clock: set them apart explicitly rather than rely on the order of writes.
    const hourAgo = new Date(Date.now() - 3_600_000)
    const inAnHour = new Date(Date.now() + 3_600_000)
    utimesSync(join(dir, names.liveOlder), hourAgo, hourAgo)
    utimesSync(join(dir, names.liveNewer), inAnHour, inAnHour)

    const services = createTestServices()
    opened.push(services)
    const result = await dispatch(createHandlers(services), 'document.open', { paths: [path] })
    expect(result).toMatchObject({ ok: true })
    const kept = ['memory.json', names.liveNewer, names.otherFile].sort()
    // The clean-up runs beside the reading, without holding the open up: wait until it is done.
    await vi.waitFor(() => expect(readdirSync(dir).sort()).toEqual(kept), { timeout: 10_000, interval: 20 })
    expect(readFileSync(path)).toEqual(readFileSync(fixturePath('03_tool_calls.json')))
  })
})
