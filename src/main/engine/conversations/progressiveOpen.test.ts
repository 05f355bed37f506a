import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventPayloads } from '../../../shared/contract'
import { DefaultTokenCounter } from '../../../shared/tokens/marsysTokenCounter'
import { MarsysFile } from '../marsys/codec/marsysFile'
import { fixturePath } from '../testing/fixtures'
import { ConversationStore } from './conversationStore'
import { diagnoseMarsysFile } from './files/diagnose'
import { OpenPolicy } from './files/openPolicy'
import { RecentFiles } from './files/recentFiles'
import { RowOrders } from './index/rowOrders'
import { messageDetail, rowWindow } from './views/conversationViews'

type Event = { event: string; payload: unknown }
type Changed = EventPayloads['document.changed']
type Progress = EventPayloads['document.progress']

const LARGE = '12_large_20000.json'
const LARGE_COUNT = 20_001
const FIRST_CHUNK = 50

let dir: string
let events: Event[]
let store: ConversationStore
/** Called as each event is emitted (what a listener sees at that moment). */
let onEvent: ((event: Event) => void) | undefined

/** A store that answers an open after 64 KiB of a file and scans the rest in 256 KiB slices. */
function makeStore(): ConversationStore {
  const counter = new DefaultTokenCounter()
  return new ConversationStore({
    policy: OpenPolicy.unrestricted(),
    recent: new RecentFiles(join(dir, 'data')),
    countTokens: (message) => counter.countMessage(message),
    diagnose: diagnoseMarsysFile,
    emit: <E extends keyof EventPayloads>(event: E, payload: EventPayloads[E]) => {
      events.push({ event, payload })
      onEvent?.({ event, payload })
    },
    firstChunk: FIRST_CHUNK,
    chunkSize: 2_000,
    scanAheadBytes: 64 * 1024,
    scanSliceBytes: 256 * 1024,
  })
}

const copyLarge = (name = LARGE): string => {
  const target = join(dir, name)
  copyFileSync(fixturePath(LARGE), target)
  return target
}

const changes = (id: string, reason: Changed['reason']): Changed[] =>
  events
    .filter((e) => e.event === 'document.changed')
    .map((e) => e.payload as Changed)
    .filter((change) => change.id === id && change.reason === reason)

const waitFor = async (predicate: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 1200; i++) {
    if (predicate()) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`timed out waiting for ${what}`)
}

async function openLoading(path: string): Promise<string> {
  const { documents, failures } = await store.open([path])
  expect(failures).toEqual([])
  expect(documents[0]).toMatchObject({ loading: true, indexing: true, status: 'ok' })
  return documents[0].id
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mi-progressive-'))
  events = []
  onEvent = undefined
  store = makeStore()
})

afterEach(() => {
  store.dispose()
  rmSync(dir, { recursive: true, force: true })
})

describe('an open answered before the whole file is scanned', () => {
  it('shows the first rows at once, then scans, counts and indexes the rest, keeping the ids shown', async () => {
    const id = await openLoading(copyLarge())
    const early = store.peek(id)
    expect(early.summary().messageCount).toBeLessThan(LARGE_COUNT)
    const firstRows = rowWindow(early, new RowOrders(), { offset: 0, limit: 20 })
    expect(firstRows.rows.map((row) => row.index)).toEqual([...Array(20).keys()])
    const firstIds = firstRows.rows.map((row) => row.id)

    await waitFor(() => changes(id, 'indexed').length > 0, 'the background index')
    expect(changes(id, 'scanned')).toHaveLength(1)
    expect(changes(id, 'reload')).toHaveLength(0)
    const scans = events
      .filter((e) => e.event === 'document.progress' && (e.payload as Progress).phase === 'scanning')
      .map((e) => e.payload as Progress)
    expect(scans.length).toBeGreaterThan(1)
    expect(scans.at(-1)!.done).toBe(scans.at(-1)!.total)

    const done = store.peek(id)
    const summary = done.summary()
    expect(summary.loading).toBeUndefined()
    expect(summary).toMatchObject({ indexing: false, messageCount: LARGE_COUNT, revision: 0, dirty: false })
    expect(summary.marsysTokens).toBe(MarsysFile.open(readFileSync(fixturePath(LARGE))).marsysTokenTotal)
    const again = rowWindow(done, new RowOrders(), { offset: 0, limit: 20 })
    expect(again.rows.map((row) => row.id)).toEqual(firstIds)
    expect(again.total).toBe(LARGE_COUNT)
  })

  it('has the final token total once the scan ends, before every message is indexed', async () => {
    const path = copyLarge()
    const final = MarsysFile.open(readFileSync(path)).marsysTokenTotal
    let atScanEnd: { marsysTokens: number; marsysTokensFinal: boolean; indexing: boolean } | undefined
    onEvent = ({ event, payload }) => {
      if (event === 'document.changed' && (payload as Changed).reason === 'scanned')
        atScanEnd = store.peek((payload as Changed).id).summary()
    }
    const id = await openLoading(path)
    expect(store.peek(id).summary()).toMatchObject({ marsysTokensFinal: false })
    expect(store.peek(id).summary().marsysTokens).toBeLessThan(final)
    await waitFor(() => changes(id, 'indexed').length > 0, 'the background index')
    expect(atScanEnd).toMatchObject({ indexing: true, marsysTokens: final, marsysTokensFinal: true })
    expect(store.peek(id).summary()).toMatchObject({ marsysTokens: final, marsysTokensFinal: true })
  })

  it('never calls the total of the messages found so far final, even when the first chunk indexed them all', async () => {
    // Messages of 2 KB: the first 64 KB holds fewer than the first chunk, so the scan stops at exactly that many
    // and the first chunk completes an index of the messages found so far.
    const messages = Array.from({ length: 300 }, (_, i) =>
      JSON.stringify({ role: i % 2 ? 'assistant' : 'user', content: `message ${i} `.repeat(160) }),
    )
    const path = join(dir, 'big-messages.json')
    writeFileSync(path, `{"memory_type": "conversation_history", "messages": [${messages.join(', ')}]}`)
    const final = MarsysFile.open(readFileSync(path)).marsysTokenTotal
    const id = await openLoading(path)
    const early = store.peek(id).summary()
    expect(early).toMatchObject({ loading: true, messageCount: FIRST_CHUNK, marsysTokensFinal: false })
    expect(early.marsysTokens).toBeLessThan(final)
    await waitFor(() => changes(id, 'scanned').length > 0 || changes(id, 'indexed').length > 0, 'the scan')
    await waitFor(() => store.peek(id).summary().marsysTokensFinal, 'the final total')
    expect(store.peek(id).summary()).toMatchObject({ marsysTokens: final, messageCount: 300 })
  })

  it('answers rows past the scanned part with the total found so far; a sorted view scans everything first', async () => {
    const id = await openLoading(copyLarge())
    const partial = rowWindow(store.peek(id), new RowOrders(), { offset: 15_000, limit: 100 })
    expect(partial.total).toBeLessThan(15_000)
    expect(partial.rows).toEqual([])
    expect(() => messageDetail(store.peek(id), 15_000)).toThrow()

    const whole = store.get(id)
    expect(whole.summary().loading).toBeUndefined()
    const sorted = rowWindow(whole, new RowOrders(), {
      offset: 0,
      limit: 5,
      sort: { column: 'tokens', descending: true },
    })
    expect(sorted.total).toBe(LARGE_COUNT)
    expect(messageDetail(whole, 15_000).index).toBe(15_000)
    expect(changes(id, 'scanned')).toHaveLength(1)
    // The background scan stops by itself; the index finishes as usual.
    await waitFor(() => changes(id, 'indexed').length > 0, 'the background index')
    expect(changes(id, 'scanned')).toHaveLength(1)
  })

  it('an edit during the scan waits for it, and the save writes every message', async () => {
    const path = copyLarge()
    const before = readFileSync(path)
    const id = await openLoading(path)
    const edited = await store.edit(id, 0, [
      { op: 'setContentText', index: 10, text: 'edited while scanning' },
    ])
    expect(edited.revision).toBe(1)
    expect(store.peek(id).summary()).toMatchObject({ messageCount: LARGE_COUNT, dirty: true })
    await store.save(id, {})
    const saved = MarsysFile.open(readFileSync(path))
    expect(saved.messageCount).toBe(LARGE_COUNT)
    expect(saved.decodeMessagePlain(10)).toMatchObject({ content: 'edited while scanning' })
    const original = MarsysFile.open(before)
    expect(saved.messageText(LARGE_COUNT - 1)).toBe(original.messageText(LARGE_COUNT - 1))
  })

  it('a save as during the scan writes the file byte for byte', async () => {
    const path = copyLarge()
    const id = await openLoading(path)
    const copy = join(dir, 'copy.json')
    await store.save(id, { path: copy })
    expect(readFileSync(copy).equals(readFileSync(path))).toBe(true)
  })

  it('turns into the error view when the scan meets a syntax error near the end', async () => {
    const path = copyLarge('broken.json')
    const text = readFileSync(path, 'utf8')
    const at = text.lastIndexOf('"role"', text.length - 2000)
    writeFileSync(path, text.slice(0, at) + '"role" "user"' + text.slice(at + '"role":'.length + 6))
    const id = await openLoading(path)
    await waitFor(() => changes(id, 'reload').length > 0, 'the scan to fail')
    const document = store.getFile(id)
    expect(document.summary()).toMatchObject({
      status: 'error',
      messageCount: 0,
      indexing: false,
      revision: 1,
    })
    const view = document.source.errorView(id)!
    expect(view.line).toBeGreaterThan(text.slice(0, at).split('\n').length - 1)
    expect(view.message).toMatch(/':'/)
    await expect(store.edit(id, 1, [{ op: 'delete', indices: [0] }])).rejects.toThrow(/could not be parsed/)
    expect(changes(id, 'scanned')).toHaveLength(0)
    expect(changes(id, 'indexed')).toHaveLength(0)
  })

  it('starts again when a later messages member replaces the messages shown first', async () => {
    const path = copyLarge('duplicate.json')
    const text = readFileSync(path, 'utf8').trimEnd()
    writeFileSync(
      path,
      `${text.slice(0, -1)},\n  "messages": [{"role": "user", "content": "the last list"}]\n}`,
    )
    const id = await openLoading(path)
    await waitFor(() => changes(id, 'reload').length > 0, 'the scan to end')
    expect(store.peek(id).summary()).toMatchObject({ status: 'ok', messageCount: 1, revision: 1 })
    expect(messageDetail(store.peek(id), 0).raw).toContain('the last list')
  })

  it('takes a memory_type written after the messages once the scan reaches it', async () => {
    const messages = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({ role: 'tool', content: `fact ${i} `.repeat(10), tool_call_id: `call_${i}` }),
    )
    const path = join(dir, 'kg_last.json')
    writeFileSync(path, `{"messages": [${messages.join(', ')}], "memory_type": "kg"}`)
    const id = await openLoading(path)
    expect(store.peek(id).summary().memoryType).toBeNull()
    await waitFor(() => changes(id, 'indexed').length > 0, 'the background index')
    expect(store.peek(id).summary()).toMatchObject({
      memoryType: 'kg',
      messageCount: 3000,
      orphanToolResults: 0,
      revision: 1,
    })
  })

  it('opens a broken file without memory_type and shows its error once the scan finds it', async () => {
    const messages = Array.from({ length: 3000 }, (_, i) =>
      JSON.stringify({ role: 'user', content: `m${i} `.repeat(20) }),
    )
    const path = join(dir, 'no_type_broken.json')
    writeFileSync(path, `{"messages": [${messages.join(', ')}, {"role": }]}`)
    const id = await openLoading(path)
    await waitFor(() => changes(id, 'reload').length > 0, 'the scan to fail')
    expect(store.peek(id).summary()).toMatchObject({ status: 'error', messageCount: 0 })
  })

  it('a revert during the scan starts a new one, and the old one stops', async () => {
    const id = await openLoading(copyLarge())
    const state = await store.revert(id)
    expect(state.revision).toBe(1)
    expect(store.peek(id).summary()).toMatchObject({ loading: true, revision: 1 })
    // The first scan may have ended while the revert read the file (a busy machine): only the new one's count here.
    const sinceRevert = (reason: Changed['reason']) => changes(id, reason).filter((c) => c.revision >= 1)
    await waitFor(() => sinceRevert('indexed').length > 0, 'the background index')
    expect(sinceRevert('scanned')).toHaveLength(1)
    expect(store.peek(id).summary()).toMatchObject({
      messageCount: LARGE_COUNT,
      indexing: false,
      revision: 1,
    })
  })

  it('closing during the scan stops it without a trace', async () => {
    const id = await openLoading(copyLarge())
    await store.close(id)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const after = events.filter(
      (e) =>
        (e.event === 'document.changed' && (e.payload as Changed).id === id) ||
        (e.event === 'document.progress' && (e.payload as Progress).phase !== 'reading') ||
        e.event === 'app.notice',
    )
    expect(after).toEqual([])
    expect(() => store.peek(id)).toThrow(/No open document/)
  })
})
