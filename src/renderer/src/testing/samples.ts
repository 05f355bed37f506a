import type { CompactionSettings } from '../../../shared/domains/summaries/contract'
import type { DocumentSummary, MessageDetail, MessageRow } from '../../../shared/model/document'

export function summary(overrides: Partial<DocumentSummary> = {}): DocumentSummary {
  return {
    id: 'd1',
    source: 'file',
    path: '/data/03_tool_calls.json',
    name: '03_tool_calls.json',
    sessionId: null,
    memoryType: 'conversation_history',
    status: 'ok',
    messageCount: 11,
    indexing: false,
    marsysTokens: 120,
    marsysTokensFinal: true,
    roles: { system: 1, user: 2, assistant: 4, tool: 4 },
    toolCalls: 4,
    unansweredToolCalls: 0,
    orphanToolResults: 0,
    bytes: 2395,
    modifiedMs: 1_700_000_000_000,
    marsysLoadable: true,
    errorCount: 0,
    warningCount: 0,
    lint: { error: 0, warning: 0, info: 0 },
    revision: 0,
    dirty: false,
    ...overrides,
  }
}

/** The id main gives the message at `index` of a file just opened (ids count from 1 in file order). */
export const idAt = (index: number): number => index + 1

export function row(index: number, overrides: Partial<MessageRow> = {}): MessageRow {
  return {
    id: idAt(index),
    index,
    role: index === 0 ? 'system' : index % 2 ? 'user' : 'assistant',
    name: null,
    preview: `message ${index}`,
    tokens: 10,
    toolCallNames: [],
    toolCallId: null,
    flags: [],
    ...overrides,
  }
}

export function detail(index: number, overrides: Partial<MessageDetail> = {}): MessageDetail {
  return {
    id: idAt(index),
    index,
    role: 'user',
    name: null,
    tokens: 5,
    flags: [],
    contentShape: 'string',
    parts: [{ kind: 'text', text: `hello ${index}`, partIndex: null }],
    toolCalls: [],
    toolCallId: null,
    answersIndex: null,
    reasoningDetails: null,
    otherKeys: {},
    raw: `{\n  "role": "user",\n  "content": "hello ${index}"\n}`,
    diagnostics: [],
    ...overrides,
  }
}

/** Compaction settings as `summary.compactionDefaults` answers, with the given threshold. */
export function compactionSettings(thresholdTokens: number): CompactionSettings {
  return {
    threshold_tokens: thresholdTokens,
    target_ratio: 0.6,
    max_tool_message_tokens: 500,
    tool_truncation_grace: 2,
    summarization_grace: 2,
    backward_packing_grace: 2,
    processor_order: ['tool_truncation', 'summarization', 'backward_packing'],
    excluded_processors: [],
  }
}
