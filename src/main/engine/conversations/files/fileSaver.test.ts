import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DefaultTokenCounter } from '../../../../shared/tokens/marsysTokenCounter'
import { MARSYS_FIXTURES, fixturePath } from '../../testing/fixtures'
import { diagnoseMarsysFile } from './diagnose'
import { ConversationStore } from '../conversationStore'
import { OpenPolicy } from './openPolicy'
import { RecentFiles } from './recentFiles'

let dir: string
let store: ConversationStore

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mi-save-'))
  const counter = new DefaultTokenCounter()
  store = new ConversationStore({
    policy: OpenPolicy.unrestricted(),
    recent: new RecentFiles(join(dir, 'data')),
    countTokens: (m) => counter.countMessage(m),
    diagnose: diagnoseMarsysFile,
    emit: () => undefined,
  })
})
afterEach(() => {
  store.dispose()
  vi.restoreAllMocks()
  rmSync(dir, { recursive: true, force: true })
})

async function openCopy(name: string) {
  const path = join(dir, name.split('/').pop()!)
  copyFileSync(fixturePath(name), path)
  const { documents } = await store.open([path])
  return { id: documents[0].id, path, document: store.get(documents[0].id) }
}

/** Lines of `after` that differ from `before`, compared line by line after aligning the common prefix/suffix. */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n')
  const b = after.split('\n')
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  return { removed: a.slice(start, endA), added: b.slice(start, endB) }
}

const conversationFixtures = readdirSync(MARSYS_FIXTURES).filter((name) => {
  if (!name.endsWith('.json')) return false
  const data = JSON.parse(readFileSync(fixturePath(name), 'utf8').replace(/\bNaN\b|-?Infinity\b/g, '0')) as {
    messages: unknown[]
  }
  return data.messages.length > 0
})

describe('save fidelity', () => {
  it('has fixtures with messages to edit', () => {
    expect(conversationFixtures.length).toBeGreaterThan(10)
  })

  for (const name of conversationFixtures) {
    it(`${name}: editing one message changes only that message and the timestamp`, async () => {
      const { id, path, document } = await openCopy(name)
      const before = readFileSync(path, 'utf8')
      const target = Math.min(1, document.items.length - 1)
      const raw = document.rawAt(target)
      const original = document.plainAt(target) as { content?: unknown }
      const newText = typeof original.content === 'string' ? `${original.content} (edited)` : 'edited'
      store.edit(id, document.revision, [{ op: 'setContentText', index: target, text: newText }])
      await store.save(id, {})
      const after = readFileSync(path, 'utf8')
      expect(after.endsWith('\n')).toBe(false)
      const timestampLine = /^ {2}"timestamp": [0-9.e+-]+,?$/
      const before2 = before
        .split('\n')
        .filter((line) => !timestampLine.test(line))
        .join('\n')
      const after2 = after
        .split('\n')
        .filter((line) => !timestampLine.test(line))
        .join('\n')
      const { removed } = changedLines(before2, after2)
      const messageLines = raw.split('\n').map((line, i) => (i === 0 ? `    ${line}` : line))
      for (const line of removed)
        expect(messageLines.map((l) => l.replace(/,$/, ''))).toContain(line.replace(/,$/, ''))
      expect(after).not.toBe(before)
      expect(JSON.parse(after.replace(/\bNaN\b|-?Infinity\b/g, '0')).messages[target].content).toBe(newText)
    })
  }

  it('saving without edits writes nothing and leaves the file byte-identical', async () => {
    const { id, path } = await openCopy('08_unicode_emoji_rtl.json')
    const before = readFileSync(path)
    const result = await store.save(id, {})
    expect(result.changedMessages).toBe(0)
    expect(readFileSync(path).equals(before)).toBe(true)
  })

  it('keeps the previous version as <name>.bak', async () => {
    const { id, path, document } = await openCopy('01_plain_conversation.json')
    const before = readFileSync(path)
    store.edit(id, document.revision, [{ op: 'delete', indices: [0] }])
    const result = await store.save(id, {})
    expect(result.changedMessages).toBe(1)
    expect(result.backupPath).toBe(`${path}.bak`)
    expect(readFileSync(`${path}.bak`).equals(before)).toBe(true)
    expect(store.get(id).dirty).toBe(false)
  })
})

describe('save guards', () => {
  it('blocks a save MARSYS would refuse, with the reasons, and saves with allowUnloadable', async () => {
    const { id, path, document } = await openCopy('01_plain_conversation.json')
    const before = readFileSync(path)
    store.edit(id, document.revision, [{ op: 'setMessageJson', index: 1, json: '{"content": "no role"}' }])
    await expect(store.save(id, {})).rejects.toMatchObject({
      code: 'CONFLICT',
      details: {
        reason: 'marsys-unloadable',
        problems: [expect.objectContaining({ path: expect.stringContaining('$.messages[1]') })],
      },
    })
    expect(readFileSync(path).equals(before)).toBe(true)
    await store.save(id, { allowUnloadable: true })
    expect(JSON.parse(readFileSync(path, 'utf8')).messages[1]).toEqual({ content: 'no role' })
  })

  it('refuses messages made unloadable by in-place edits (a patched index), in order, until they are fixed', async () => {
    const { id, path, document } = await openCopy('01_plain_conversation.json')
    const before = readFileSync(path)
    const bad = (role: string): string => JSON.stringify({ role, content: 'x', images: 5 })
    const roleAt = (i: number): string => store.get(id).index.roleOf(i)
    // Same role, no tool calls: the edit patches the index instead of rebuilding it.
    store.edit(id, document.revision, [{ op: 'setMessageJson', index: 2, json: bad(roleAt(2)) }])
    store.edit(id, store.get(id).revision, [{ op: 'setMessageJson', index: 0, json: bad(roleAt(0)) }])
    expect(store.get(id).index.unloadableMessages).toBe(2)
    await expect(store.save(id, {})).rejects.toMatchObject({
      details: {
        reason: 'marsys-unloadable',
        problems: [
          expect.objectContaining({ path: '$.messages[0].images', messageIndex: 0 }),
          expect.objectContaining({ path: '$.messages[2].images', messageIndex: 2 }),
        ],
      },
    })
    expect(readFileSync(path).equals(before)).toBe(true)
    const fixed = (i: number): string => JSON.stringify({ role: roleAt(i), content: 'fixed' })
    store.edit(id, store.get(id).revision, [
      { op: 'setMessageJson', index: 0, json: fixed(0) },
      { op: 'setMessageJson', index: 2, json: fixed(2) },
    ])
    await store.save(id, {})
    expect(JSON.parse(readFileSync(path, 'utf8')).messages[2]).toEqual({ role: roleAt(2), content: 'fixed' })
  })

  it('never silently overwrites a file changed on disk; overwrite or save-as go ahead', async () => {
    const { id, path, document } = await openCopy('01_plain_conversation.json')
    store.edit(id, document.revision, [{ op: 'setContentText', index: 0, text: 'mine' }])
    const theirs = readFileSync(path, 'utf8').replace('"user"', '"system"')
    writeFileSync(path, theirs)
    await expect(store.save(id, {})).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'changed-on-disk' },
    })
    expect(readFileSync(path, 'utf8')).toBe(theirs)
    const copy = join(dir, 'copy.json')
    await store.save(id, { path: copy })
    expect(JSON.parse(readFileSync(copy, 'utf8')).messages[0].content).toBe('mine')
    expect(store.getFile(id).source.path).toBe(copy)
    expect(readFileSync(path, 'utf8')).toBe(theirs)
  })

  it('catches a same-size rewrite whose modification time was set back (the change time still moves)', async () => {
    const { id, path, document } = await openCopy('01_plain_conversation.json')
    store.edit(id, document.revision, [{ op: 'setContentText', index: 0, text: 'mine' }])
    const before = statSync(path)
    const theirs = readFileSync(path, 'utf8').replace('"user"', '"USER"')
    writeFileSync(path, theirs)
    utimesSync(path, before.atime, before.mtime)
    expect(statSync(path).size).toBe(before.size)
    await expect(store.save(id, {})).rejects.toMatchObject({ details: { reason: 'changed-on-disk' } })
    expect(readFileSync(path, 'utf8')).toBe(theirs)
  })

  it('lets a touch without changes through (the bytes are compared when the stamp differs)', async () => {
    const { id, path, document } = await openCopy('01_plain_conversation.json')
    store.edit(id, document.revision, [{ op: 'setContentText', index: 0, text: 'mine' }])
    utimesSync(path, new Date(), new Date(Date.now() + 5000))
    await store.save(id, {})
    expect(JSON.parse(readFileSync(path, 'utf8')).messages[0].content).toBe('mine')
  })

  it('knows its own save: the next save goes ahead, and the recorded hash is that of the bytes written', async () => {
    const { id, path, document } = await openCopy('03_tool_calls.json')
    store.edit(id, document.revision, [{ op: 'setContentText', index: 0, text: 'first' }])
    await store.save(id, {})
    const file = store.getFile(id)
    expect(file.source.hash).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'))
    store.edit(id, file.revision, [{ op: 'setContentText', index: 0, text: 'second' }])
    await store.save(id, {})
    expect(JSON.parse(readFileSync(path, 'utf8')).messages[0].content).toBe('second')
    expect(store.getFile(id).source.hash).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'))
  })

  it('refuses Save As onto an existing file unless told to overwrite', async () => {
    const { id, document } = await openCopy('01_plain_conversation.json')
    const other = join(dir, 'other.json')
    writeFileSync(other, '{}')
    store.edit(id, document.revision, [{ op: 'setContentText', index: 0, text: 'x' }])
    await expect(store.save(id, { path: other })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'target-exists' },
    })
    await store.save(id, { path: other, overwrite: true })
    expect(JSON.parse(readFileSync(other, 'utf8')).messages[0].content).toBe('x')
  })

  it('a write that fails half-way leaves the original intact and the edits unsaved', async () => {
    const { id, path, document } = await openCopy('03_tool_calls.json')
    const before = readFileSync(path)
    store.edit(id, document.revision, [{ op: 'delete', indices: [3] }])
    const atomic = await import('../../fs/atomicWrite')
    const realWrite = atomic.atomicWriteFile
    // The real atomic write, with a write step that dies after 10 bytes (as a full disk would).
    vi.spyOn(atomic, 'atomicWriteFile').mockImplementationOnce((target, data, options) =>
      realWrite(target, data, {
        ...options,
        write: async (handle, chunks) => {
          await handle.write(chunks[0].subarray(0, 10))
          throw Object.assign(new Error('disk full'), { code: 'ENOSPC' })
        },
      }),
    )
    await expect(store.save(id, {})).rejects.toThrow(/disk full/)
    expect(readFileSync(path).equals(before)).toBe(true)
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([])
    expect(store.get(id).dirty).toBe(true)
    expect(existsSync(`${path}.bak`)).toBe(false)
  })
})

describe('what a save reports', () => {
  it('counts edited, added and removed messages once each (moves alone are not changes)', async () => {
    const { id, document } = await openCopy('01_plain_conversation.json')
    store.edit(id, document.revision, [
      { op: 'setContentText', index: 0, text: 'edited' },
      { op: 'setContentText', index: 0, text: 'edited twice' },
      { op: 'delete', indices: [3] },
      { op: 'insert', index: 1, role: 'user', text: 'added' },
      { op: 'move', indices: [2], direction: 'down' },
    ])
    expect((await store.save(id, {})).changedMessages).toBe(3)
  })
})
