import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Message, MessageRole, SessionMetadata } from '../../../shared/model/langswarm'
import type { AnthropicMessage } from '../langswarm/anthropicFormat'
import { parseMemoryFile } from '../marsys/memory/memoryFile'
import { fixturePath } from '../testing/fixtures'
import { exportSession, type ExportableSession } from './exports'
import { sourceFileSession } from './exportSource'
import { buildV2Database } from './testing/specDatabases'
import { migrationFixtures } from './testing/stores'

const fx = migrationFixtures()
afterEach(() => fx.cleanup())

const fromFixture = (name: string): Promise<ExportableSession> => sourceFileSession(fixturePath(name), null)

/** The Messages API's rules on a request body: alternating turns from the user, every tool_use answered next. */
function checkAnthropicRequest(messages: AnthropicMessage[]): void {
  expect(messages[0].role).toBe('user')
  messages.forEach((turn, i) => {
    if (i > 0) expect(turn.role).not.toBe(messages[i - 1].role)
    const blocks = typeof turn.content === 'string' ? [] : turn.content
    if (turn.role !== 'assistant') return
    const uses = blocks.flatMap((b) => (b.type === 'tool_use' ? [b.id] : []))
    if (uses.length === 0) return
    const next = messages[i + 1]
    const results =
      typeof next.content === 'string'
        ? []
        : next.content.flatMap((b) => (b.type === 'tool_result' ? [b.tool_use_id] : []))
    expect(results).toEqual(uses)
    expect(typeof next.content !== 'string' && next.content[0].type).toBe('tool_result')
  })
}

describe('exports', () => {
  it('OpenAI: tool results carry the id of their call, typed arrays come back as arrays', async () => {
    const session = await fromFixture('03_tool_calls.json')
    const request = JSON.parse(exportSession(session, 'openai', { model: 'gpt-4.1' }).text)
    expect(request.model).toBe('gpt-4.1')
    const tools = request.messages.filter((m: { role: string }) => m.role === 'tool')
    expect(tools.map((m: { tool_call_id: string }) => m.tool_call_id)).toEqual([
      'call_wx_paris',
      'call_wx_berlin',
      'call_conv_1',
      'call_shot',
    ])
    const calls = request.messages
      .flatMap((m: { tool_calls?: { id: string }[] }) => m.tool_calls ?? [])
      .map((c: { id: string }) => c.id)
    for (const tool of tools) expect(calls).toContain(tool.tool_call_id)
    expect(request.messages[2]).toMatchObject({ role: 'assistant', content: null })

    const images = JSON.parse(exportSession(await fromFixture('05_images.json'), 'openai').text)
    expect(images.messages.some((m: { content: unknown }) => Array.isArray(m.content))).toBe(true)
  })

  it('Anthropic: system lifted out, tool_use / tool_result ids matching, turns alternating', async () => {
    for (const name of [
      '03_tool_calls.json',
      '01_plain_conversation.json',
      '02_system_prompt.json',
      '09_managed_compacted.json',
    ]) {
      const result = exportSession(await fromFixture(name), 'anthropic')
      const request = JSON.parse(result.text)
      expect(request.max_tokens).toBeGreaterThan(0)
      expect(request.messages.some((m: { role: string }) => m.role === 'system')).toBe(false)
      checkAnthropicRequest(request.messages)
    }
    const tools = JSON.parse(exportSession(await fromFixture('03_tool_calls.json'), 'anthropic').text)
    expect(tools.system).toBe('You are an agent with tools.')
    expect(JSON.stringify(tools.messages)).toContain('"tool_use_id":"call_wx_paris"')
  })

  it('Anthropic: a conversation opening with the assistant gets a user turn first, and says so', () => {
    const session: ExportableSession = {
      metadata: new SessionMetadata({ session_id: 's' }),
      messages: [
        new Message({ role: MessageRole.ASSISTANT, content: 'Hello!' }),
        new Message({ role: MessageRole.USER, content: 'Hi' }),
      ],
      summaries: [],
    }
    const result = exportSession(session, 'anthropic')
    checkAnthropicRequest(JSON.parse(result.text).messages)
    expect(result.losses.map((l) => l.field)).toContain('first turn')
  })

  it('JSONL: one message a line, nothing of the message lost', async () => {
    const session = await fromFixture('03_tool_calls.json')
    const lines = exportSession(session, 'jsonl').text.trimEnd().split('\n')
    expect(lines).toHaveLength(session.messages.length)
    expect(lines.map((line) => Message.fromDict(JSON.parse(line)).toDict())).toEqual(
      session.messages.map((m) => m.toDict()),
    )
  })

  it('Markdown: a readable transcript with tool calls and what they answer', async () => {
    const text = exportSession(await fromFixture('03_tool_calls.json'), 'markdown').text
    expect(text).toMatch(/^# Session marsys-03_tool_calls-[0-9a-f]{8}\n/)
    expect(text).toContain('## 2. user — ')
    expect(text).toContain('**Tool call** `get_weather` (id `call_wx_paris`):')
    expect(text).toContain('*Result of call `call_wx_paris`*')
  })

  it('MARSYS from a store session that never was a MARSYS file: loads in MARSYS, lists what is lost', async () => {
    const db = await buildV2Database(join(await fx.dir(), 'v2.db'), [
      { id: 'a1', messages: 4, withSummary: true },
    ])
    const session = await sourceFileSession(db, 'a1')
    const withLegacy: ExportableSession = {
      ...session,
      messages: [
        ...session.messages,
        new Message({
          role: MessageRole.ASSISTANT,
          content: '',
          function_call: { name: 'lookup', arguments: '{"q": 1}' },
        }),
        new Message({ role: MessageRole.FUNCTION, content: '42', metadata: { name: 'lookup' } }),
      ],
    }
    const result = exportSession(withLegacy, 'marsys', {
      memoryType: 'managed_conversation',
      nowSeconds: () => 1767225600.25,
    })
    const parsed = parseMemoryFile(result.text, 'out.json')
    expect(parsed.memoryType).toBe('managed_conversation')
    expect(parsed.messages).toHaveLength(6)
    expect(result.text.endsWith('}')).toBe(true)
    expect(result.text).toContain('"timestamp": 1767225600.25')
    const fields = result.losses.map((l) => `${l.field} ×${l.count}`)
    expect(fields).toEqual(
      expect.arrayContaining([
        'token_count ×2',
        'metadata.source ×1',
        'metadata.n ×1',
        'function_call ×1',
        'summaries ×1',
        'timestamp ×6',
        'message_id ×6',
        'session metadata ×1',
      ]),
    )
    expect(parsed.messages[4].toolCalls?.[0].name).toBe('lookup')
  })

  it('pairs calls and results as both APIs require, listing each change with the message index', () => {
    const call = (id: string, name: string, args = '{}') => ({
      id,
      type: 'function',
      function: { name, arguments: args },
    })
    const session: ExportableSession = {
      metadata: new SessionMetadata({ session_id: 's' }),
      messages: [
        /* 0 */ new Message({ role: MessageRole.USER, content: 'Weather in Paris and Rome?' }),
        /* 1 */ new Message({
          role: MessageRole.ASSISTANT,
          content: 'Checking.',
          tool_calls: [call('c_paris', 'weather'), call('c_rome', 'weather')],
        }),
        /* 2 */ new Message({
          role: MessageRole.TOOL,
          content: 'sunny',
          metadata: { tool_call_id: 'c_paris' },
        }),
        /* 3 */ new Message({ role: MessageRole.USER, content: 'And quickly please.' }),
        /* 4 */ new Message({ role: MessageRole.ASSISTANT, content: '', tool_calls: [call('c_x', 'x')] }),
        /* 5 */ new Message({ role: MessageRole.USER, content: 'Never mind.' }),
        /* 6 */ new Message({ role: MessageRole.ASSISTANT, content: '', tool_calls: [call('c_n', 'note')] }),
        /* 7 */ new Message({ role: MessageRole.USER, content: 'Also this.' }),
        /* 8 */ new Message({ role: MessageRole.TOOL, content: 'noted', metadata: { tool_call_id: 'c_n' } }),
        /* 9 */ new Message({
          role: MessageRole.TOOL,
          content: 'stray',
          metadata: { tool_call_id: 'c_gone' },
        }),
        /* 10 */ new Message({ role: MessageRole.ASSISTANT, content: 'Paris is sunny.' }),
      ],
      summaries: [],
    }
    const expected = [
      {
        field: 'tool_calls',
        count: 1,
        reason:
          'message 1: call weather (c_rome) has no result before the next turn; left out, as the API refuses an unanswered call',
      },
      {
        field: 'tool_calls',
        count: 1,
        reason:
          'message 4: call x (c_x) has no result before the next turn; left out with its message, as the API refuses an unanswered call',
      },
      {
        field: 'position',
        count: 1,
        reason:
          'message 7: the user message between a tool call and its result is sent after the result, as the API requires',
      },
      {
        field: 'tool result',
        count: 1,
        reason:
          'message 9: the tool result answers no tool call (tool_call_id c_gone) of the assistant turn before it; left out, as the API refuses it',
      },
    ]

    const openai = exportSession(session, 'openai')
    expect(openai.losses).toEqual(expect.arrayContaining(expected))
    const messages = JSON.parse(openai.text).messages as {
      role: string
      content: string
      tool_calls?: { id: string }[]
      tool_call_id?: string
    }[]
    expect(messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'Weather in Paris and Rome?'],
      ['assistant', 'Checking.'],
      ['tool', 'sunny'],
      ['user', 'And quickly please.'],
      ['user', 'Never mind.'],
      ['assistant', ''],
      ['tool', 'noted'],
      ['user', 'Also this.'],
      ['assistant', 'Paris is sunny.'],
    ])
    // Chat Completions' rule: an assistant's tool calls are answered by the tool messages right after it.
    messages.forEach((m, i) => {
      if (m.role === 'tool') expect(['assistant', 'tool']).toContain(messages[i - 1].role)
      if (m.tool_calls === undefined) return
      const answers = messages
        .slice(i + 1)
        .filter((_, k, rest) => rest.slice(0, k + 1).every((r) => r.role === 'tool'))
      expect(answers.map((a) => a.tool_call_id)).toEqual(m.tool_calls.map((c) => c.id))
    })

    const anthropic = exportSession(session, 'anthropic')
    expect(anthropic.losses).toEqual(expect.arrayContaining(expected))
    const request = JSON.parse(anthropic.text)
    checkAnthropicRequest(request.messages)
    expect(JSON.stringify(request.messages)).not.toContain('c_rome')
    expect(JSON.stringify(request.messages)).not.toContain('stray')
  })

  it('Anthropic: arguments that are not a JSON object are wrapped, and listed', () => {
    const session: ExportableSession = {
      metadata: new SessionMetadata({ session_id: 's' }),
      messages: [
        new Message({ role: MessageRole.USER, content: 'go' }),
        new Message({
          role: MessageRole.ASSISTANT,
          content: '',
          tool_calls: [
            { id: 'c1', type: 'function', function: { name: 'run', arguments: 'ls -la' } },
            { id: 'c2', type: 'function', function: { name: 'ok', arguments: '{"a": 1}' } },
          ],
        }),
        new Message({ role: MessageRole.TOOL, content: 'done', metadata: { tool_call_id: 'c1' } }),
        new Message({ role: MessageRole.TOOL, content: 'fine', metadata: { tool_call_id: 'c2' } }),
      ],
      summaries: [],
    }
    const result = exportSession(session, 'anthropic')
    const uses = JSON.parse(result.text).messages[1].content
    expect(uses.map((b: { input: unknown }) => b.input)).toEqual([{ arguments: 'ls -la' }, { a: 1 }])
    expect(result.losses).toContainEqual({
      field: 'tool_calls.arguments',
      count: 1,
      reason: 'message 1: the arguments of call run are not a JSON object; sent as {"arguments": …}',
    })
    expect(result.losses.filter((l) => l.field === 'tool_calls.arguments')).toHaveLength(1)
  })
})
