import { describe, expect, it } from 'vitest'
import type { SimulationView } from '../../../../shared/domains/summaries/contract'
import { rebuildCommand } from './SimulationSection'
import { indexRuns } from './SimulationResult'
import { exportBaseName, summaryMarkdown, summaryMessageJson } from './summaryExport'

const SUMMARY = {
  summary: 'Asked: "Weather in Paris?"\nDid: called get_weather once.',
  key_topics: ['Paris', 'weather'],
  message_count: 4,
  start_time: '2026-01-02T03:04:05+00:00',
  end_time: '2026-01-02T03:04:05+00:00',
  summary_id: 'abc',
  created_at: '2026-01-02T03:05:00+00:00',
}

describe('summary export', () => {
  it('writes Markdown with the text, topics, counts and times', () => {
    const md = summaryMarkdown(SUMMARY, 'memory.json')
    expect(md).toMatch(/^# Summary of memory\.json\n\nAsked: "Weather in Paris\?"/)
    expect(md).toContain('**Key topics:** Paris, weather')
    expect(md).toContain('- Messages: 4')
    expect(md).toContain('summary_id abc')
  })

  it('inserts the summary as a user message MARSYS loads', () => {
    expect(JSON.parse(summaryMessageJson(SUMMARY))).toEqual({
      role: 'user',
      content: `[Conversation Summary]\n${SUMMARY.summary}\n\nKey topics: Paris, weather`,
    })
  })

  it('names downloads after the document', () => {
    expect(exportBaseName('09c managed.json')).toBe('09c_managed.summary')
    expect(exportBaseName('.json')).toBe('conversation.summary')
  })
})

describe('compaction apply', () => {
  it('keeps unchanged originals and sends new messages as JSON, in order', () => {
    const view = {
      after: [
        {
          role: 'user',
          preview: '',
          tokens: 1,
          origin: null,
          json: '{"role":"user","content":"[User Requests Summary]"}',
        },
        { role: 'assistant', preview: '', tokens: 1, origin: 29, json: null },
      ],
    } as unknown as SimulationView
    expect(rebuildCommand(view)).toEqual({
      op: 'rebuild',
      messages: [{ json: '{"role":"user","content":"[User Requests Summary]"}' }, { keep: 29 }],
    })
  })

  it('shows changed indices as runs', () => {
    expect(indexRuns([0, 1, 2, 5, 7, 8])).toEqual([
      [0, 2],
      [5, 5],
      [7, 8],
    ])
    expect(indexRuns([])).toEqual([])
  })
})
