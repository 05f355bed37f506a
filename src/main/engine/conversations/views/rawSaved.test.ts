import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { withConversationStore } from '../../testing/conversationStoreForTests'
import { fixturePath } from '../../testing/fixtures'
import { messageDetail, messageText } from './conversationViews'

const env = withConversationStore('mi-raw-')

async function openCopy(name: string) {
  const path = join(env.dir, name)
  copyFileSync(fixturePath(name), path)
  const { documents } = await env.store.open([path])
  return { id: documents[0].id, path, conversation: env.store.get(documents[0].id) }
}

describe('raw JSON as saved and as edited', () => {
  it('shows the bytes on disk next to the edited message, until the edit is saved', async () => {
    const { id, path, conversation } = await openCopy('01_plain_conversation.json')
    const untouched = messageDetail(conversation, 1)
    expect(untouched.rawSaved).toBeUndefined()
    expect(readFileSync(path, 'utf8')).toContain(untouched.raw)

    await env.store.edit(id, conversation.revision, [{ op: 'setContentText', index: 1, text: 'edited text' }])
    const edited = messageDetail(conversation, 1)
    expect(edited.raw).toContain('edited text')
    expect(edited.rawSaved).toBe(untouched.raw)
    expect(messageText(conversation, 1, edited.id, { kind: 'rawSaved' }, 0, 1_000_000).text).toBe(
      untouched.raw,
    )

    await env.store.save(id, {})
    const saved = messageDetail(conversation, 1)
    expect(saved.rawSaved).toBeUndefined()
    // What is on disk now is the edited message: an edit after the save is compared with that.
    await env.store.edit(id, conversation.revision, [
      { op: 'setContentText', index: 1, text: 'edited twice' },
    ])
    const again = messageDetail(conversation, 1)
    expect(again.rawSaved).toBe(saved.raw)
    expect(readFileSync(path, 'utf8')).toContain(again.rawSaved)

    await env.store.undo(id)
    expect(messageDetail(conversation, 1).rawSaved).toBeUndefined()
  })

  it('says a message added since the last save has no saved bytes', async () => {
    const { id, conversation } = await openCopy('01_plain_conversation.json')
    await env.store.edit(id, conversation.revision, [{ op: 'insert', index: 0, role: 'user', text: 'new' }])
    expect(messageDetail(conversation, 0).rawSaved).toBeNull()
    expect(() => messageText(conversation, 0, undefined, { kind: 'rawSaved' }, 0, 10)).toThrow(
      /has no text as saved/,
    )
    // The message that moved down keeps its bytes: it is unchanged.
    expect(messageDetail(conversation, 1).rawSaved).toBeUndefined()
  })
})
