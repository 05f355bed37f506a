import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FILE_TEXT_LIMIT } from '../../../../shared/model/document'
import { withConversationStore } from '../../testing/conversationStoreForTests'

const env = withConversationStore('mi-notmemory-')

async function openText(name: string, text: string) {
  const path = join(env.dir, name)
  writeFileSync(path, text)
  const { documents, failures } = await env.store.open([path])
  expect(failures).toEqual([])
  return documents[0]
}

describe('a JSON file that is not a MARSYS memory', () => {
  it('opens, is listed with what it is, and refuses edits', async () => {
    const summary = await openText('list.json', JSON.stringify([1, 2, 3]))
    expect(summary.status).toBe('ok')
    expect(summary.notAMemory).toBe('This is a JSON array of 3 items, not a MARSYS memory file.')
    expect(env.store.list().find((doc) => doc.id === summary.id)?.notAMemory).toBe(summary.notAMemory)
    await expect(
      env.store.edit(summary.id, summary.revision, [{ op: 'insert', index: 0, role: 'user', text: 'x' }]),
    ).rejects.toThrow(
      /list\.json: This is a JSON array of 3 items, not a MARSYS memory file\. It is shown read-only/,
    )
  })

  it('gives its text, only the start of a huge one, cut at a character', async () => {
    const small = await openText('small.json', '{"a": "é"}')
    expect(env.store.getFile(small.id).source.fileText(FILE_TEXT_LIMIT)).toEqual({
      text: '{"a": "é"}',
      totalBytes: 11,
      shownBytes: 11,
    })
    const big = `[${Array.from({ length: 200_000 }, () => '"é"').join(',')}]`
    const large = await openText('large.json', big)
    const shown = env.store.getFile(large.id).source.fileText(1001)
    expect(shown.totalBytes).toBe(Buffer.byteLength(big))
    expect(shown.shownBytes).toBeLessThanOrEqual(1001)
    expect(big.startsWith(shown.text)).toBe(true)
    expect(Buffer.byteLength(shown.text)).toBe(shown.shownBytes)
  })

  it('is not said of a memory', async () => {
    const summary = await openText('memory.json', '{"memory_type": "conversation_history", "messages": []}')
    expect(summary.notAMemory).toBeUndefined()
  })
})
