import { describe, expect, it } from 'vitest'
import { MessageRole, SessionStatus } from '../../../shared/model/langswarm/enums'
import {
  MessageExistsError,
  SessionDetachedError,
  ValidationError,
} from '../../../shared/model/langswarm/errors'
import { MemorySession, type SessionChange, type SessionState, type SessionStorePort } from './memorySession'
import { Message } from '../../../shared/model/langswarm/message'
import { SessionMetadata, type SessionMetadataInit } from '../../../shared/model/langswarm/sessionMetadata'
import { UtcDateTime } from '../../../shared/model/langswarm/utcDateTime'

/** A store port that records what it was asked to persist, and can be told to fail. */
class RecordingStore implements SessionStorePort {
  calls: { change: SessionChange; messageIds: string[]; updatedAt: string }[] = []
  failNext = false

  async persist(state: Readonly<SessionState>, change: SessionChange): Promise<void> {
    await Promise.resolve()
    if (this.failNext) {
      this.failNext = false
      throw new Error('disk full')
    }
    this.calls.push({
      change,
      messageIds: state.messages.map((message) => message.message_id),
      updatedAt: state.metadata.updated_at.toIsoString(),
    })
  }
}

function newSession(init: Partial<SessionMetadataInit> = {}, store = new RecordingStore()) {
  const state: SessionState = {
    metadata: new SessionMetadata({ session_id: 's1', ...init }),
    messages: [],
    summaries: [],
    currentSummaryId: null,
  }
  return { session: new MemorySession(state, store), store }
}

let seq = 0
const say = (role: MessageRole, content: string) =>
  new Message({ role, content, message_id: `id-${(seq += 1)}` })
const userSays = (content = 'hello there friend') => say(MessageRole.USER, content)
const assistantSays = (content = 'happy to help you') => say(MessageRole.ASSISTANT, content)

describe('MemorySession', () => {
  it('adds messages, stamps updated_at and persists messages + metadata each time', async () => {
    const { session, store } = newSession({ updated_at: '2020-01-01T00:00:00+00:00' })
    expect(await session.addMessage(userSays())).toBe(true)
    expect(session.messageCount).toBe(1)
    expect(session.metadata.updated_at.isAfter(UtcDateTime.parse('2020-01-01T00:00:00Z'))).toBe(true)
    expect(store.calls).toHaveLength(1)
    expect(store.calls[0].change).toEqual({ messages: true, metadata: true })
  })

  it('trims to max_messages keeping system messages first, and persists the trim', async () => {
    const { session, store } = newSession({ max_messages: 3, auto_summarize: false })
    const sys = say(MessageRole.SYSTEM, 'rules')
    await session.addMessage(userSays())
    await session.addMessage(sys)
    for (let index = 0; index < 3; index += 1) await session.addMessage(assistantSays())
    const messages = await session.getMessages()
    expect(messages).toHaveLength(3)
    expect(messages[0]).toBe(sys)
    expect(store.calls.at(-1)?.messageIds).toEqual(messages.map((message) => message.message_id))
  })

  it('auto-summarises once when the threshold is reached (before trimming)', async () => {
    const { session, store } = newSession({ summary_threshold: 5, max_messages: 4 })
    for (let index = 0; index < 4; index += 1)
      await session.addMessage(index % 2 === 0 ? userSays() : assistantSays())
    expect(await session.getSummary()).toBeNull()
    await session.addMessage(userSays())
    const summary = await session.getSummary()
    expect(summary?.message_count).toBe(5) // max_messages + 1, as the Python
    expect(summary?.summary).toBe('Conversation with 3 user messages and 2 assistant responses.')
    expect(store.calls.at(-1)?.change).toEqual({ messages: true, metadata: true, summaries: true })
    expect(session.messageCount).toBe(4)
    await session.addMessage(assistantSays())
    expect(await session.getSummary()).toBe(summary)
    expect(await session.getSummaryHistory()).toHaveLength(1)
  })

  it('retries auto-summary on later adds while the summarizer declines', async () => {
    const { session } = newSession({ summary_threshold: 2 })
    for (let index = 0; index < 5; index += 1) await session.addMessage(userSays())
    expect(await session.getSummary()).toBeNull() // no assistant message yet
    await session.addMessage(assistantSays())
    expect((await session.getSummary())?.message_count).toBe(6)
  })

  it('never auto-summarises when auto_summarize is off', async () => {
    const { session } = newSession({ summary_threshold: 1, auto_summarize: false })
    for (let index = 0; index < 6; index += 1)
      await session.addMessage(index % 2 ? userSays() : assistantSays())
    expect(await session.getSummary()).toBeNull()
  })

  it('createSummary returns the existing summary unless forced', async () => {
    const { session } = newSession({ auto_summarize: false })
    expect(await session.createSummary()).toBeNull()
    for (let index = 0; index < 5; index += 1)
      await session.addMessage(index % 2 ? userSays() : assistantSays())
    const first = await session.createSummary()
    expect(first).not.toBeNull()
    expect(await session.createSummary()).toBe(first)
    const forced = await session.createSummary(true)
    expect(forced?.summary_id).not.toBe(first?.summary_id)
    expect(await session.getSummary()).toBe(forced)
    expect((await session.getSummaryHistory()).map((summary) => summary.summary_id)).toEqual([
      first?.summary_id,
      forced?.summary_id,
    ])
  })

  it('uses a pluggable, possibly async summarizer', async () => {
    const state: SessionState = {
      metadata: new SessionMetadata({ session_id: 'x' }),
      messages: [],
      summaries: [],
      currentSummaryId: null,
    }
    const session = new MemorySession(state, new RecordingStore(), {
      summarizer: async (messages) => ({ summary: `${messages.length} messages`, key_topics: ['llm'] }),
    })
    await session.addMessage(userSays())
    const summary = await session.createSummary()
    expect(summary?.summary).toBe('1 messages')
    expect(summary?.start_time.equals(summary.end_time)).toBe(true)
  })

  it('clearMessages keeps system messages and the summary, or clears both', async () => {
    const { session } = newSession({ summary_threshold: 5 })
    await session.addMessage(say(MessageRole.SYSTEM, 'rules'))
    for (let index = 0; index < 5; index += 1)
      await session.addMessage(index % 2 ? userSays() : assistantSays())
    expect(await session.getSummary()).not.toBeNull()
    await session.clearMessages()
    expect((await session.getMessages()).map((message) => message.role)).toEqual(['system'])
    expect(await session.getSummary()).not.toBeNull()
    await session.clearMessages(false)
    expect(session.messageCount).toBe(0)
    expect(await session.getSummary()).toBeNull()
  })

  it('updateMetadata validates, applies and persists; close() completes the session', async () => {
    const { session, store } = newSession()
    await session.updateMetadata({ status: SessionStatus.PAUSED, tags: ['x'] })
    expect(session.metadata.status).toBe('paused')
    expect(store.calls.at(-1)?.change).toEqual({ metadata: true })
    await expect(session.updateMetadata({ max_messages: -5 })).rejects.toThrow(ValidationError)
    expect(session.metadata.max_messages).toBe(100)
    await session.close()
    expect(session.metadata.status).toBe('completed')
    expect(await session.addMessage(userSays())).toBe(true) // like the Python, a closed session still accepts adds
  })

  it('rolls back a change the store could not persist (no phantom message)', async () => {
    const { session, store } = newSession({ auto_summarize: false })
    await session.addMessage(userSays())
    const before = session.metadata.updated_at
    store.failNext = true
    await expect(session.addMessage(userSays('lost'))).rejects.toThrow('disk full')
    expect(session.messageCount).toBe(1)
    expect(session.metadata.updated_at.equals(before)).toBe(true)
    expect(await session.addMessage(userSays('kept'))).toBe(true)
    expect(session.messageCount).toBe(2)
  })

  it('refuses a duplicate message_id', async () => {
    const { session } = newSession()
    const message = userSays()
    await session.addMessage(message)
    await expect(session.addMessage(message)).rejects.toThrow(MessageExistsError)
    expect(session.messageCount).toBe(1)
  })

  it('applies concurrent changes in call order and loses none', async () => {
    const { session, store } = newSession({ auto_summarize: false, max_messages: 1000 })
    const messages = Array.from({ length: 50 }, (_, index) => userSays(`m${index}`))
    await Promise.all(messages.map((message) => session.addMessage(message)))
    expect((await session.getMessages()).map((message) => message.content)).toEqual(
      messages.map((message) => message.content),
    )
    expect(store.calls.at(-1)?.messageIds).toHaveLength(50)
  })

  it('refuses changes once detached, but still reads', async () => {
    const { session } = newSession()
    await session.addMessage(userSays())
    session.detach('the session was deleted')
    await expect(session.addMessage(userSays())).rejects.toThrow(SessionDetachedError)
    expect(await session.getMessages()).toHaveLength(1)
  })

  it('pages and estimates context', async () => {
    const { session } = newSession({ auto_summarize: false })
    for (let index = 0; index < 12; index += 1) await session.addMessage(userSays(`word ${index}`))
    const page = await session.getMessagesPage({ offset: 10, limit: 5 })
    expect(page.total).toBe(12)
    expect(page.messages.map((message) => message.content)).toEqual(['word 10', 'word 11'])
    expect(await session.getRecentContext(5)).toHaveLength(2)
    expect(session.tokenTotal()).toBe(24)
  })

  it('hands out metadata copies so unsaved edits cannot leak in', async () => {
    const { session } = newSession()
    session.metadata.max_messages = 1
    expect(session.metadata.max_messages).toBe(100)
  })

  describe('replaceMessages', () => {
    function sessionWith(count: number) {
      const store = new RecordingStore()
      const messages = Array.from({ length: count }, (_, index) => userSays(`m${index}`))
      const metadata = new SessionMetadata({
        session_id: 's1',
        auto_summarize: false,
        max_messages: 3,
        updated_at: '2020-01-01T00:00:00+00:00',
      })
      const state: SessionState = { metadata, messages: [...messages], summaries: [], currentSummaryId: null }
      return { session: new MemorySession(state, store), store, messages }
    }

    it('swaps in the new list as one persisted change, keeping carried-over instances and stamping updated_at', async () => {
      const { session, store, messages } = sessionWith(3)
      const inserted = assistantSays('new')
      let seen: readonly Message[] = []
      await session.replaceMessages((current) => {
        seen = [...current]
        return [messages[2], inserted, messages[0], userSays('over max_messages')]
      })
      expect(seen).toEqual(messages)
      const after = await session.getMessages()
      expect(after).toHaveLength(4) // no trim to max_messages: an edit stays as made
      expect(after[0]).toBe(messages[2])
      expect(after[1]).toBe(inserted)
      expect(store.calls).toEqual([
        {
          change: { messages: true, metadata: true },
          messageIds: after.map((message) => message.message_id),
          updatedAt: session.metadata.updated_at.toIsoString(),
        },
      ])
      expect(session.metadata.updated_at.isAfter(UtcDateTime.parse('2020-01-01T00:00:00Z'))).toBe(true)
    })

    it('changes and persists nothing when the update returns the current list', async () => {
      const { session, store } = sessionWith(2)
      await session.replaceMessages((current) => current)
      expect(store.calls).toEqual([])
      expect(session.metadata.updated_at.toIsoString()).toBe('2020-01-01T00:00:00+00:00')
    })

    it('refuses duplicate ids and non-messages, and rolls back a failed write', async () => {
      const { session, store, messages } = sessionWith(2)
      await expect(session.replaceMessages(() => [messages[0], messages[0]])).rejects.toThrow(
        MessageExistsError,
      )
      await expect(
        session.replaceMessages(() => [{ role: 'user', content: 'x' } as unknown as Message]),
      ).rejects.toMatchObject({ code: 'INVALID_INPUT' })
      store.failNext = true
      await expect(session.replaceMessages(() => [messages[1]])).rejects.toThrow('disk full')
      expect(await session.getMessages()).toEqual(messages)
      expect(session.metadata.updated_at.toIsoString()).toBe('2020-01-01T00:00:00+00:00')
      expect(store.calls).toEqual([])
      // the rolled-back list's ids are known again: re-adding one of its messages is refused
      await expect(session.addMessage(messages[0])).rejects.toThrow(MessageExistsError)
    })
  })
})
