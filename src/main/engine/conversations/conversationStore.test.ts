import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventPayloads } from '../../../shared/contract'
import { DefaultTokenCounter } from '../../../shared/tokens/marsysTokenCounter'
import { canMakeFifo, makeFifo, releaseFifo } from '../testing/fifo'
import { fixturePath } from '../testing/fixtures'
import { diagnoseMarsysFile } from './files/diagnose'
import { ConversationStore, type ConversationStoreOptions } from './conversationStore'
import { lintConversation } from './views/conversationViews'
import { OpenPolicy } from './files/openPolicy'
import { RecentFiles } from './files/recentFiles'

type Changed = EventPayloads['document.changed']

let dir: string
let events: { event: string; payload: unknown }[]
let store: ConversationStore

function storeOptions(policy = OpenPolicy.unrestricted(), firstChunk = 200): ConversationStoreOptions {
  const counter = new DefaultTokenCounter()
  return {
    policy,
    recent: new RecentFiles(join(dir, 'data')),
    countTokens: (message) => counter.countMessage(message),
    diagnose: diagnoseMarsysFile,
    emit: <E extends keyof EventPayloads>(event: E, payload: EventPayloads[E]) =>
      void events.push({ event, payload }),
    firstChunk,
    chunkSize: 1_000,
  }
}

const makeStore = (policy = OpenPolicy.unrestricted(), firstChunk = 200): ConversationStore =>
  new ConversationStore(storeOptions(policy, firstChunk))

const copyFixture = (name: string, to = dir): string => {
  const target = join(to, name.split('/').pop()!)
  copyFileSync(fixturePath(name), target)
  return target
}

const waitFor = async (predicate: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 200; i++) {
    if (predicate()) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`timed out waiting for ${what}`)
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mi-docs-'))
  events = []
  store = makeStore()
})

afterEach(() => {
  store.dispose()
  rmSync(dir, { recursive: true, force: true })
})

describe('opening documents', () => {
  it('does not apply conversation rules to a kg memory: its tool fact is no orphan result', async () => {
    const { documents } = await store.open([fixturePath('10_kg_facts.json')])
    expect(documents[0]).toMatchObject({ memoryType: 'kg', orphanToolResults: 0, unansweredToolCalls: 0 })
    const kinds = lintConversation(store.get(documents[0].id)).map((issue) => issue.kind)
    expect(kinds).not.toContain('orphan-tool-result')
    expect(kinds).not.toContain('same-role-as-previous')
  })

  it('summarises a MARSYS file: type, count, MARSYS tokens, roles, tool calls', async () => {
    const { documents, failures } = await store.open([fixturePath('03_tool_calls.json')])
    expect(failures).toEqual([])
    expect(documents).toHaveLength(1)
    const [summary] = documents
    expect(summary).toMatchObject({
      memoryType: 'conversation_history',
      status: 'ok',
      marsysTokens: 210,
      indexing: false,
      dirty: false,
    })
    expect(summary.toolCalls).toBeGreaterThan(0)
    expect(summary.unansweredToolCalls).toBe(0)
    expect(summary.orphanToolResults).toBe(0)
    expect(Object.values(summary.roles).reduce((a, b) => a + b, 0)).toBe(summary.messageCount)
    expect(events.map((e) => e.event)).toContain('document.opened')
  })

  it('does not open the same file twice', async () => {
    const first = await store.open([fixturePath('01_plain_conversation.json')])
    const second = await store.open([fixturePath('01_plain_conversation.json')])
    expect(second.documents[0].id).toBe(first.documents[0].id)
    expect(store.list()).toHaveLength(1)
  })

  it('opens every .json under a folder, recursively, and reports what it could not open', async () => {
    mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true })
    copyFixture('01_plain_conversation.json')
    copyFixture('02_system_prompt.json', join(dir, 'nested'))
    copyFixture('10_kg_facts.json', join(dir, 'nested', 'deeper'))
    writeFileSync(join(dir, 'notes.txt'), 'not a memory file')
    const result = await store.open([dir, join(dir, 'missing.json')])
    expect(result.documents.map((d) => d.name).sort()).toEqual([
      '01_plain_conversation.json',
      '02_system_prompt.json',
      '10_kg_facts.json',
    ])
    expect(result.failures).toEqual([
      { path: join(dir, 'missing.json'), message: expect.stringContaining('no such file') },
    ])
  })

  it.skipIf(!canMakeFifo)(
    'refuses a named pipe at once, naming it, instead of waiting for a writer',
    async () => {
      const pipe = join(dir, 'pipe.json')
      makeFifo(pipe)
      try {
        const result = await store.open([pipe])
        expect(result.documents).toEqual([])
        expect(result.failures).toEqual([
          {
            path: pipe,
            message: `${pipe} is a named pipe (FIFO), not a regular file: only regular files can be read`,
          },
        ])
      } finally {
        releaseFifo(pipe)
      }
    },
  )

  it('opens a truncated file as an error document with line, column and context', async () => {
    const { documents } = await store.open([fixturePath('invalid/truncated_by_failed_save.json')])
    expect(documents[0]).toMatchObject({ status: 'error', marsysLoadable: false })
    const view = store.getFile(documents[0].id).source.errorView(documents[0].id)!
    expect(view.line).toBeGreaterThan(1)
    expect(view.column).toBeGreaterThan(0)
    expect(view.context.some((line) => line.line === view.line)).toBe(true)
    expect(view.marsysVerdict).toMatch(/cannot load/)
  })

  it('indexes big files in the background and announces when done', async () => {
    store = makeStore(OpenPolicy.unrestricted(), 100)
    const { documents } = await store.open([fixturePath('12_large_20000.json')])
    expect(documents[0].indexing).toBe(true)
    await waitFor(
      () => events.some((e) => e.event === 'document.changed' && (e.payload as Changed).reason === 'indexed'),
      'indexing to finish',
    )
    expect(store.get(documents[0].id).summary()).toMatchObject({ indexing: false, messageCount: 20_001 })
    expect(events.some((e) => e.event === 'document.progress')).toBe(true)
  })

  it('remembers recently opened files, newest first', async () => {
    await store.open([fixturePath('01_plain_conversation.json')])
    await store.open([fixturePath('02_system_prompt.json')])
    await store.recentFilesWritten()
    const recent = await new RecentFiles(join(dir, 'data')).list()
    expect(recent.map((entry) => entry.path.split('/').pop())).toEqual([
      '02_system_prompt.json',
      '01_plain_conversation.json',
    ])
  })
})

describe('web-mode open policy', () => {
  it('opens only under the folders given at start, symlinks resolved', async () => {
    const allowed = join(dir, 'allowed')
    mkdirSync(allowed)
    const inside = copyFixture('01_plain_conversation.json', allowed)
    const outside = copyFixture('02_system_prompt.json')
    store = makeStore(await OpenPolicy.forWebMode([allowed]))
    expect((await store.open([inside])).documents).toHaveLength(1)
    const refused = await store.open([outside, join(allowed, '..', '02_system_prompt.json')])
    expect(refused.documents).toEqual([])
    expect(refused.failures.map((f) => f.message)).toEqual([
      expect.stringMatching(/outside the folders/),
      expect.stringMatching(/outside the folders/),
    ])
  })

  it('refuses Save As onto a symlink inside the roots that points outside them', async () => {
    const allowed = join(dir, 'allowed')
    mkdirSync(allowed)
    const inside = copyFixture('01_plain_conversation.json', allowed)
    const outside = join(dir, 'outside.json')
    writeFileSync(outside, 'NOT YOURS')
    symlinkSync(outside, join(allowed, 'link.json'))
    store = makeStore(await OpenPolicy.forWebMode([allowed]))
    const [summary] = (await store.open([inside])).documents
    const document = store.get(summary.id)
    store.edit(summary.id, document.revision, [{ op: 'setContentText', index: 0, text: 'x' }])
    await expect(
      store.save(summary.id, { path: join(allowed, 'link.json'), overwrite: true }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(readFileSync(outside, 'utf8')).toBe('NOT YOURS')
    // A new file, or an existing one inside the roots, is still fine.
    await store.save(summary.id, { path: join(allowed, 'copy.json') })
    expect(JSON.parse(readFileSync(join(allowed, 'copy.json'), 'utf8')).messages[0].content).toBe('x')
  })
})

describe('lint and pairing', () => {
  it('flags every tool result as an orphan after MARSYS dropped the tool_call_ids (16)', async () => {
    const { documents } = await store.open([fixturePath('16_resaved_03_after_load.json')])
    expect(documents[0].orphanToolResults).toBeGreaterThan(0)
    expect(documents[0].unansweredToolCalls).toBeGreaterThan(0)
    const kinds = new Set(lintConversation(store.get(documents[0].id)).map((issue) => issue.kind))
    expect(kinds).toContain('orphan-tool-result')
    expect(kinds).toContain('unanswered-tool-call')
  })

  it('finds nothing to pair-flag in a healthy tool-call file (03)', async () => {
    const { documents } = await store.open([fixturePath('03_tool_calls.json')])
    const issues = lintConversation(store.get(documents[0].id))
    expect(
      issues.filter((issue) => issue.kind === 'orphan-tool-result' || issue.kind === 'unanswered-tool-call'),
    ).toEqual([])
  })

  it('flags a duplicated system prompt, as MARSYS produces when loading into a manager with a description', async () => {
    const original = JSON.parse(readFileSync(fixturePath('02_system_prompt.json'), 'utf8')) as {
      messages: unknown[]
    }
    const doubled = { ...original, messages: [original.messages[0], ...original.messages] }
    const path = join(dir, 'doubled.json')
    writeFileSync(path, JSON.stringify(doubled, null, 2))
    const { documents } = await store.open([path])
    const issues = lintConversation(store.get(documents[0].id))
    expect(issues).toContainEqual(expect.objectContaining({ kind: 'duplicate-system', messageIndex: 1 }))
  })
})

describe('search', () => {
  it('finds text across open documents, by role and by tool name, with regex and case options', async () => {
    await store.open([fixturePath('03_tool_calls.json'), fixturePath('01_plain_conversation.json')])
    const byRole = await store.search({ text: '^tool$', regex: true, fields: ['role'] })
    expect(byRole.total).toBeGreaterThan(0)
    expect(byRole.hits.every((hit) => hit.field === 'role')).toBe(true)
    const anything = await store.search({ text: 'the' })
    expect(new Set(anything.hits.map((hit) => hit.documentId)).size).toBe(2)
    expect(anything.stopped).toBeUndefined()
    const hit = anything.hits[0]
    expect(hit.snippet.slice(hit.matchStart, hit.matchEnd).toLowerCase()).toBe('the')
    expect((await store.search({ text: 'THE', caseSensitive: true })).total).toBeLessThan(anything.total)
    await expect(store.search({ text: '(', regex: true })).rejects.toThrow(/Invalid regular expression/)
  })

  it('answers catastrophic patterns at once instead of freezing main (they backtrack for ever in JS)', async () => {
    const path = join(dir, 'redos.json')
    const messages = [
      { role: 'user', content: `${'a'.repeat(31)}b` },
      { role: 'user', content: 'a'.repeat(5_000) },
    ]
    writeFileSync(path, JSON.stringify({ messages }))
    await store.open([path])
    const evil = await store.search({ text: '(a|aa)+$', regex: true, fields: ['content'] })
    expect(evil.hits.map((hit) => hit.index)).toEqual([1])
    const nested = await store.search({ text: '^(a+)+$', regex: true, fields: ['content'] })
    expect(nested.hits.map((hit) => hit.index)).toEqual([1])
    expect(nested.stopped).toBeUndefined()
  })

  it('refuses what a linear-time engine cannot run, saying why', async () => {
    await store.open([fixturePath('03_tool_calls.json')])
    await expect(store.search({ text: '(a)\\1', regex: true })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/backreferences .* not supported.*linear time/),
    })
    await expect(store.search({ text: 'Paris(?=,)', regex: true })).rejects.toThrow(/lookahead/)
    expect((await store.search({ text: '(?<=wx_)berlin', regex: true, fields: ['arguments'] })).total).toBe(2)
  })

  it('searches tool-call arguments and ids, and results by their tool_call_id', async () => {
    await store.open([fixturePath('03_tool_calls.json')])
    const berlin = await store.search({ text: 'Berlin', fields: ['arguments'] })
    expect(berlin.hits.map((hit) => hit.snippet)).toContainEqual(expect.stringContaining('"city": "Berlin"'))
    const byId = await store.search({ text: 'call_wx_paris', fields: ['arguments'] })
    expect(byId.total).toBe(2)
    expect((await store.search({ text: 'call_wx_paris', fields: ['content', 'tool', 'name'] })).total).toBe(0)
    expect((await store.search({ text: 'call_wx_paris' })).total).toBe(2)
  })

  it('stops when out of time and says its results are partial', async () => {
    store = new ConversationStore({ ...storeOptions(), searchBudget: { totalMs: 0, sliceMs: 50 } })
    await store.open([fixturePath('03_tool_calls.json')])
    const result = await store.search({ text: 'the' })
    expect(result.stopped).toEqual({ afterMs: expect.any(Number), searched: 0, of: expect.any(Number) })
    expect(result.stopped!.of).toBeGreaterThan(0)
    expect(result.hits).toEqual([])
  })

  it('lets other calls run while it searches', async () => {
    store = new ConversationStore({ ...storeOptions(), searchBudget: { totalMs: 60_000, sliceMs: 0 } })
    await store.open([fixturePath('03_tool_calls.json')])
    let ranDuringSearch = false
    const search = store.search({ text: 'no such words anywhere', fields: ['content'] })
    setImmediate(() => (ranDuringSearch = true))
    const result = await search
    expect(ranDuringSearch).toBe(true)
    expect(result.total).toBe(0)
    expect(result.stopped).toBeUndefined()
  })
})

describe('live reload', () => {
  it('reloads a clean document changed on disk, even when replaced by rename, and says so', async () => {
    const path = copyFixture('01_plain_conversation.json')
    const { documents } = await store.open([path])
    const before = documents[0].messageCount
    const data = JSON.parse(readFileSync(path, 'utf8')) as { messages: unknown[] }
    data.messages.push({ role: 'user', content: 'added behind the app' })
    writeFileSync(`${path}.tmp`, JSON.stringify(data, null, 2))
    const { renameSync } = await import('node:fs')
    renameSync(`${path}.tmp`, path)
    await waitFor(() => events.some((e) => e.event === 'document.changed'), 'the reload')
    expect(store.get(documents[0].id).summary().messageCount).toBe(before + 1)
    expect(events).toContainEqual(
      expect.objectContaining({
        event: 'app.notice',
        payload: expect.objectContaining({ message: expect.stringMatching(/reloaded/) }),
      }),
    )
  })

  it('does not reload a document with unsaved edits', async () => {
    const path = copyFixture('01_plain_conversation.json')
    const { documents } = await store.open([path])
    const document = store.get(documents[0].id)
    document.edit(document.revision, [{ op: 'setContentText', index: 0, text: 'edited in the app' }])
    expect(document.dirty).toBe(true)
    writeFileSync(path, readFileSync(path, 'utf8').replace('"user"', '"assistant"'))
    await waitFor(() => events.some((e) => e.event === 'app.notice'), 'the notice')
    expect(events.find((e) => e.event === 'app.notice')?.payload).toMatchObject({
      level: 'warning',
      message: expect.stringMatching(/unsaved edits/),
    })
    expect(
      events.some(
        (e) => e.event === 'document.changed' && (e.payload as { reason: string }).reason === 'reload',
      ),
    ).toBe(false)
    expect(document.state().disk).toBe('changed')
    expect((document.plainAt(0) as { content: string }).content).toBe('edited in the app')
  })
})
