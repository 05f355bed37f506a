import { describe, expect, it } from 'vitest'
import { MessageRole } from '../../../shared/model/langswarm/enums'
import { Message } from '../../../shared/model/langswarm/message'
import type { Summarizer } from '../langswarm/langswarmTemplateSummary'
import { extractiveSummarizer } from './extractiveSummarizer'
import { asSessionSummarizer, sessionMessagesForSummary } from './sessionSummaries'

describe('session summaries', () => {
  const at = (minute: number) => `2026-11-22T10:0${minute}:00+00:00`
  const messages = [
    new Message({ role: MessageRole.USER, content: 'Book a table in Lyon for Friday.', timestamp: at(0) }),
    new Message({
      role: MessageRole.ASSISTANT,
      content: '',
      timestamp: at(1),
      tool_calls: [
        { id: 't1', type: 'function', function: { name: 'book_table', arguments: '{"city": "Lyon"}' } },
      ],
    }),
    new Message({
      role: MessageRole.TOOL,
      content: 'Booked: Le Bouchon, 20:00',
      timestamp: at(2),
      metadata: { tool_call_id: 't1', name: 'book_table' },
    }),
    new Message({
      role: MessageRole.ASSISTANT,
      content: 'Your table at Le Bouchon is booked for 20:00.',
      timestamp: at(3),
    }),
  ]

  it('reads session messages with their tool calls, results and times', () => {
    const wire = sessionMessagesForSummary(messages)
    expect(wire[2]).toEqual({
      role: 'tool',
      content: 'Booked: Le Bouchon, 20:00',
      timestamp: at(2),
      name: 'book_table',
      tool_call_id: 't1',
    })
    expect(wire[1].tool_calls).toHaveLength(1)
  })

  it("gives a session's Summarize now the chosen summarizer", async () => {
    // The type a MemorySession's `summarizer` option has.
    const forSession: Summarizer = asSessionSummarizer(extractiveSummarizer)
    const draft = await forSession(messages)
    expect(draft!.summary).toContain('Asked: "Book a table in Lyon for Friday."')
    expect(draft!.summary).toContain(
      'Did: called book_table once. book_table returned "Booked: Le Bouchon, 20:00"',
    )
    expect(draft!.key_topics).toContain('Lyon')
  })
})
