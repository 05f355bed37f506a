import { describe, expect, it } from 'vitest'
import { toAnthropicConversation, toAnthropicFormat, toAnthropicRequest } from './anthropicFormat'
import { MessageRole } from '../../../shared/model/langswarm/enums'
import { ValidationError } from '../../../shared/model/langswarm/errors'
import { Message, type MessageInit } from '../../../shared/model/langswarm/message'
import { toOpenAIFormat, toOpenAIMessages } from './openaiFormat'

let counter = 0
const msg = (init: MessageInit): Message =>
  new Message({ timestamp: '2026-11-22T03:21:42+00:00', message_id: `msg-${(counter += 1)}`, ...init })

/** A realistic agent turn: system prompt, a question, a parallel tool call, two results, the answer. */
function weatherConversation(): Message[] {
  return [
    msg({ role: MessageRole.SYSTEM, content: 'You are a travel assistant. Answer briefly.' }),
    msg({ role: MessageRole.USER, content: 'What is the weather in Paris and Oslo right now?' }),
    msg({
      role: MessageRole.ASSISTANT,
      content: 'Let me check both cities.',
      tool_calls: [
        {
          id: 'call_paris',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
        },
        {
          id: 'call_oslo',
          type: 'function',
          function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
        },
      ],
    }),
    msg({
      role: MessageRole.TOOL,
      content: '{"temp_c":18,"sky":"clear"}',
      metadata: { tool_call_id: 'call_paris' },
    }),
    msg({
      role: MessageRole.TOOL,
      content: '{"temp_c":4,"sky":"snow"}',
      metadata: { tool_call_id: 'call_oslo' },
    }),
    msg({ role: MessageRole.ASSISTANT, content: 'Paris: 18 °C and clear. Oslo: 4 °C with snow.' }),
  ]
}

describe('OpenAI format', () => {
  it('single messages match the Python output for plain text', () => {
    expect(toOpenAIFormat(msg({ role: MessageRole.USER, content: 'Hi' }))).toEqual({
      role: 'user',
      content: 'Hi',
    })
    expect(toOpenAIFormat(msg({ role: MessageRole.SYSTEM, content: 'Be nice' }))).toEqual({
      role: 'system',
      content: 'Be nice',
    })
  })

  it('includes tool_call_id on tool messages (the Python drops it)', () => {
    const [, , call, paris] = weatherConversation()
    expect(toOpenAIFormat(paris)).toEqual({
      role: 'tool',
      content: '{"temp_c":18,"sky":"clear"}',
      tool_call_id: 'call_paris',
    })
    expect(toOpenAIFormat(call).tool_calls).toHaveLength(2)
  })

  it('converts a whole tool-using conversation', () => {
    expect(toOpenAIMessages(weatherConversation())).toEqual([
      { role: 'system', content: 'You are a travel assistant. Answer briefly.' },
      { role: 'user', content: 'What is the weather in Paris and Oslo right now?' },
      {
        role: 'assistant',
        content: 'Let me check both cities.',
        tool_calls: [
          {
            id: 'call_paris',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
          {
            id: 'call_oslo',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
          },
        ],
      },
      { role: 'tool', content: '{"temp_c":18,"sky":"clear"}', tool_call_id: 'call_paris' },
      { role: 'tool', content: '{"temp_c":4,"sky":"snow"}', tool_call_id: 'call_oslo' },
      { role: 'assistant', content: 'Paris: 18 °C and clear. Oslo: 4 °C with snow.' },
    ])
  })

  it('fills in missing tool_call_ids and function names from the preceding calls', () => {
    const messages = [
      msg({ role: MessageRole.USER, content: 'Add 2 and 3' }),
      msg({
        role: MessageRole.ASSISTANT,
        content: '',
        tool_calls: [
          { id: 'call_add', type: 'function', function: { name: 'add', arguments: '{"a":2,"b":3}' } },
        ],
      }),
      msg({ role: MessageRole.TOOL, content: '5' }),
      msg({ role: MessageRole.ASSISTANT, content: '', function_call: { name: 'lookup', arguments: '{}' } }),
      msg({ role: MessageRole.FUNCTION, content: 'found' }),
    ]
    const out = toOpenAIMessages(messages)
    expect(out[2]).toEqual({ role: 'tool', content: '5', tool_call_id: 'call_add' })
    expect(out[4]).toEqual({ role: 'function', content: 'found', name: 'lookup' })
  })

  it('rejects a tool result that answers nothing', () => {
    expect(() => toOpenAIMessages([msg({ role: MessageRole.TOOL, content: 'orphan' })])).toThrow(
      ValidationError,
    )
  })
})

describe('Anthropic format', () => {
  it('single user and assistant text match the Python output', () => {
    expect(toAnthropicFormat(msg({ role: MessageRole.USER, content: 'Hi' }))).toEqual({
      role: 'user',
      content: 'Hi',
    })
    expect(toAnthropicFormat(msg({ role: MessageRole.ASSISTANT, content: 'Hello' }))).toEqual({
      role: 'assistant',
      content: 'Hello',
    })
  })

  it('single tool results become user tool_result turns instead of "assistant" (Python bug)', () => {
    const [, , call, paris] = weatherConversation()
    expect(toAnthropicFormat(paris)).toEqual({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 'call_paris', content: '{"temp_c":18,"sky":"clear"}' }],
    })
    expect(toAnthropicFormat(call)).toEqual({
      role: 'assistant',
      content: [
        { type: 'text', text: 'Let me check both cities.' },
        { type: 'tool_use', id: 'call_paris', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'call_oslo', name: 'get_weather', input: { city: 'Oslo' } },
      ],
    })
    expect(() => toAnthropicFormat(msg({ role: MessageRole.SYSTEM, content: 'x' }))).toThrow(ValidationError)
  })

  it('builds a valid request: system lifted, tool_use / tool_result blocks, results merged into one user turn', () => {
    expect(
      toAnthropicRequest(weatherConversation(), { model: 'claude-sonnet-4-5', max_tokens: 1024 }),
    ).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 1024,
      system: 'You are a travel assistant. Answer briefly.',
      messages: [
        {
          role: 'user',
          content: [{ type: 'text', text: 'What is the weather in Paris and Oslo right now?' }],
        },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Let me check both cities.' },
            { type: 'tool_use', id: 'call_paris', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'call_oslo', name: 'get_weather', input: { city: 'Oslo' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_paris', content: '{"temp_c":18,"sky":"clear"}' },
            { type: 'tool_result', tool_use_id: 'call_oslo', content: '{"temp_c":4,"sky":"snow"}' },
          ],
        },
        {
          role: 'assistant',
          content: [{ type: 'text', text: 'Paris: 18 °C and clear. Oslo: 4 °C with snow.' }],
        },
      ],
    })
  })

  it('merges consecutive same-role turns, joins system messages, puts tool results before text', () => {
    const messages = [
      msg({ role: MessageRole.SYSTEM, content: 'Rule one.' }),
      msg({ role: MessageRole.USER, content: 'First question' }),
      msg({ role: MessageRole.USER, content: 'and a follow-up' }),
      msg({ role: MessageRole.SYSTEM, content: 'Rule two, added mid-conversation.' }),
      msg({
        role: MessageRole.ASSISTANT,
        content: '   ',
        tool_calls: [{ id: 'call.1', type: 'function', function: { name: 'search', arguments: 'not json' } }],
      }),
      msg({ role: MessageRole.USER, content: 'Any luck?' }),
      msg({
        role: MessageRole.TOOL,
        content: 'no results',
        metadata: { tool_call_id: 'call.1', is_error: true },
      }),
      msg({ role: MessageRole.ASSISTANT, content: 'Nothing found. ' }),
    ]
    const body = toAnthropicConversation(messages)
    expect(body.system).toBe('Rule one.\n\nRule two, added mid-conversation.')
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'First question' },
          { type: 'text', text: 'and a follow-up' },
        ],
      },
      // blank text dropped; the id sanitised to Anthropic's pattern; unparsable arguments wrapped in an object
      {
        role: 'assistant',
        content: [{ type: 'tool_use', id: 'call_1', name: 'search', input: { arguments: 'not json' } }],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_1', content: 'no results', is_error: true },
          { type: 'text', text: 'Any luck?' },
        ],
      },
      // the final assistant text may not end in whitespace
      { role: 'assistant', content: [{ type: 'text', text: 'Nothing found.' }] },
    ])
    for (let index = 1; index < body.messages.length; index += 1) {
      expect(body.messages[index].role).not.toBe(body.messages[index - 1].role)
    }
  })

  it('pairs legacy function calls with their results through a derived id', () => {
    const messages = [
      msg({ role: MessageRole.USER, content: 'time?' }),
      msg({
        role: MessageRole.ASSISTANT,
        content: '',
        function_call: { name: 'now', arguments: '' },
        message_id: 'a-1',
      }),
      msg({ role: MessageRole.FUNCTION, content: '12:00', metadata: { name: 'now' } }),
    ]
    const body = toAnthropicConversation(messages)
    expect(body.system).toBeUndefined()
    expect(body.messages[1].content).toEqual([
      { type: 'tool_use', id: 'toolu_a-1_0', name: 'now', input: {} },
    ])
    expect(body.messages[2].content).toEqual([
      { type: 'tool_result', tool_use_id: 'toolu_a-1_0', content: '12:00' },
    ])
  })

  it('rejects a tool result with no tool call to answer', () => {
    expect(() => toAnthropicConversation([msg({ role: MessageRole.TOOL, content: 'x' })])).toThrow(
      ValidationError,
    )
  })
})
