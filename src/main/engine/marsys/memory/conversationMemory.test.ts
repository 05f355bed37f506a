import { describe, expect, it } from 'vitest'
import { ConversationMemory } from './conversationMemory'
import { MarsysIndexError, MessageError } from './marsysErrors'
import type { MemoryResetEvent } from './memoryBase'
import { Message } from './message'

function filled(): { memory: ConversationMemory; ids: string[] } {
  const memory = new ConversationMemory({ description: 'sys' })
  const ids = ['u1', 'a1', 'u2', 'a2'].map((text) =>
    memory.add({ role: text.startsWith('u') ? 'user' : 'assistant', content: text }),
  )
  return { memory, ids }
}

const contents = (memory: ConversationMemory) => memory.retrieveAll().map((m) => m.content)

describe('ConversationMemory', () => {
  it('creates a system message only for a truthy description', () => {
    expect(new ConversationMemory({ description: '' }).retrieveAll()).toEqual([])
    expect(new ConversationMemory({ description: '  ' }).retrieveAll()).toEqual([
      { role: 'system', content: '  ' },
    ])
  })

  it('adds a Message as is or builds one from fields, and needs one of them', () => {
    const memory = new ConversationMemory()
    const message = new Message({ role: 'user', content: 'hi', structuredData: { a: 1 } })
    expect(memory.add(message)).toBe(message.messageId)
    const id = memory.add({ role: '', content: 'empty role is fine' })
    expect(memory.retrieveById(id)).toEqual({ role: '', content: 'empty role is fine' })
    expect(() => memory.add({} as never)).toThrow(MessageError)
    expect(memory.getStoredMessages()[0]).toBe(message)
  })

  it('retrieves recent messages; n <= 0 gives [] and a large n gives all', () => {
    const { memory } = filled()
    expect(memory.retrieveRecent().map((m) => m.content)).toEqual(['a2'])
    expect(memory.retrieveRecent(2).map((m) => m.content)).toEqual(['u2', 'a2'])
    expect(memory.retrieveRecent(0)).toEqual([])
    expect(memory.retrieveRecent(-3)).toEqual([])
    expect(memory.retrieveRecent(99)).toHaveLength(5)
    expect(memory.getMessages()).toEqual(memory.retrieveAll())
  })

  it('retrieves by role; a negative n drops the first |n| matches (MARSYS quirk)', () => {
    const { memory } = filled()
    expect(memory.retrieveByRole('user').map((m) => m.content)).toEqual(['u1', 'u2'])
    expect(memory.retrieveByRole('user', 1).map((m) => m.content)).toEqual(['u2'])
    expect(memory.retrieveByRole('user', 0).map((m) => m.content)).toEqual(['u1', 'u2'])
    expect(memory.retrieveByRole('user', -1).map((m) => m.content)).toEqual(['u2'])
    expect(memory.retrieveByRole('tool')).toEqual([])
  })

  it('retrieves and removes by id', () => {
    const { memory, ids } = filled()
    expect(memory.retrieveById(ids[1])).toEqual({ role: 'assistant', content: 'a1' })
    expect(memory.retrieveById('nope')).toBeNull()
    expect(memory.removeById(ids[1])).toBe(true)
    expect(memory.removeById(ids[1])).toBe(false)
    expect(contents(memory)).toEqual(['sys', 'u1', 'u2', 'a2'])
  })

  it('updates given fields, keeps the id, and cannot clear a field', () => {
    const { memory, ids } = filled()
    memory.update(ids[0], { content: 'changed', name: null })
    expect(memory.retrieveById(ids[0])).toEqual({ role: 'user', content: 'changed' })
    expect(() => memory.update('nope', { content: 'x' })).toThrow(MessageError)
  })

  it('keeps tool_call_id, reasoning_details and structured_data on update (MARSYS drops them)', () => {
    const memory = new ConversationMemory()
    const id = memory.add(
      new Message({
        role: 'tool',
        content: 'r',
        toolCallId: 'call_1',
        reasoningDetails: [{ s: 1 }],
        structuredData: { k: 1 },
      }),
    )
    memory.update(id, { content: 'edited' })
    expect(memory.retrieveById(id)).toEqual({ role: 'tool', content: 'edited', tool_call_id: 'call_1' })
    const [stored] = memory.getStoredMessages()
    expect(stored.reasoningDetails).toEqual([{ s: 1 }])
    expect(stored.structuredData).toEqual({ k: 1 })
    expect(stored.messageId).toBe(id)
  })

  it('replaces by index with a new id unless one is given; bounds are checked first', () => {
    const { memory } = filled()
    memory.replaceMemory(1, { role: 'user', content: 'new', messageId: 'fixed' })
    expect(memory.retrieveById('fixed')).toEqual({ role: 'user', content: 'new' })
    memory.replaceMemory(2, { role: 'assistant', content: 'other' })
    expect(memory.getStoredMessages()[2].messageId).toHaveLength(36)
    expect(() => memory.replaceMemory(5, { role: 'user' })).toThrow(MarsysIndexError)
    expect(() => memory.replaceMemory(-1, { role: 'user' })).toThrow(/out of range/)
    expect(() => memory.replaceMemory(9, {} as never)).toThrow(MarsysIndexError)
    expect(() => memory.replaceMemory(0, {} as never)).toThrow(MessageError)
  })

  it('deletes by index and rejects negative or too large indexes', () => {
    const { memory } = filled()
    memory.deleteMemory(0)
    expect(contents(memory)).toEqual(['u1', 'a1', 'u2', 'a2'])
    expect(() => memory.deleteMemory(-1)).toThrow('Memory index out of range.')
    expect(() => memory.deleteMemory(4)).toThrow(MarsysIndexError)
  })

  it('reset keeps only a system message at index 0, and emits an event when configured', () => {
    const events: MemoryResetEvent[] = []
    const { memory } = filled()
    memory.setEventContext('Agent', { emit: (e) => events.push(e) })
    memory.resetMemory()
    expect(contents(memory)).toEqual(['sys'])
    expect(events).toMatchObject([{ type: 'memory_reset', agentName: 'Agent' }])

    const noLeadingSystem = new ConversationMemory()
    noLeadingSystem.add({ role: 'user', content: 'u' })
    noLeadingSystem.add({ role: 'system', content: 'late system' })
    noLeadingSystem.resetMemory()
    expect(noLeadingSystem.retrieveAll()).toEqual([])
  })

  it('keeps unicode, large and nested content (dict content comes back as a JSON string)', () => {
    const memory = new ConversationMemory()
    const big = 'x'.repeat(100_000)
    memory.add({ role: 'user', content: '日本語 🎉 مرحبا' })
    memory.add({ role: 'user', content: big })
    memory.add({ role: 'user', content: { a: { b: { c: [1, 'é'] } } } })
    expect(contents(memory)).toEqual(['日本語 🎉 مرحبا', big, '{"a":{"b":{"c":[1,"é"]}}}'])
  })
})
