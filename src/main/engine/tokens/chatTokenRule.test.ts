import { countTokens as countO200k } from 'gpt-tokenizer/encoding/o200k_base'
import { countTokens as countCl100k } from 'gpt-tokenizer/encoding/cl100k_base'
import gpt4o from 'gpt-tokenizer/model/gpt-4o'
import gpt4turbo from 'gpt-tokenizer/model/gpt-4-turbo'
import { describe, expect, it } from 'vitest'
import { REPLY_PRIMING_TOKENS, chatMessageTokens } from './chatTokenRule'
import { messageParts } from './messageParts'

const NO_SPECIAL = { disallowedSpecial: new Set<string>() }
const ENCODINGS = [
  { name: 'o200k_base', count: (t: string) => countO200k(t, NO_SPECIAL), model: gpt4o },
  { name: 'cl100k_base', count: (t: string) => countCl100k(t, NO_SPECIAL), model: gpt4turbo },
] as const

const CONVERSATIONS = [
  [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: 'What is the capital of France?' },
    { role: 'assistant', content: 'Paris.' },
  ],
  [
    { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
    { role: 'user', name: 'alice', content: 'Café, naïve, 東京, emoji 😀🚀 and RTL مرحبا' },
    { role: 'assistant', content: '```ts\nconst x: number = 42\n```\n\ttabs and  spaces  ' },
  ],
  [{ role: 'user', content: '' }],
]

describe('the chat overhead rule', () => {
  it.each(ENCODINGS)(
    '$name: equals gpt-tokenizer countChatCompletionTokens on plain conversations',
    (enc) => {
      for (const messages of CONVERSATIONS) {
        const ours =
          messages.reduce((sum, m) => sum + chatMessageTokens(messageParts(m), enc.count).total, 0) +
          REPLY_PRIMING_TOKENS
        expect(ours).toBe(enc.model.countChatCompletionTokens?.({ messages }))
      }
    },
  )

  it('is 3 per message plus role, content, and name + 1', () => {
    const [enc] = ENCODINGS
    const tokens = chatMessageTokens(
      messageParts({ role: 'user', name: 'bob', content: 'hello world' }),
      enc.count,
    )
    expect(tokens).toMatchObject({
      text: enc.count('hello world'),
      overhead: 3 + enc.count('user') + enc.count('bob') + 1,
    })
    expect(tokens.total).toBe(tokens.text + tokens.overhead)
  })

  it('counts each tool call as name + arguments + 3, and ignores ids', () => {
    const [, enc] = ENCODINGS
    const message = {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city": "Paris"}' } },
        { id: 'call_2', type: 'function', function: { name: 'search', arguments: '{}' } },
      ],
    }
    const tokens = chatMessageTokens(messageParts(message), enc.count)
    expect(tokens.toolCalls).toBe(
      enc.count('get_weather') +
        enc.count('{"city": "Paris"}') +
        3 +
        enc.count('search') +
        enc.count('{}') +
        3,
    )
    expect(tokens.text).toBe(0)
    expect(tokens.total).toBe(tokens.toolCalls + 3 + enc.count('assistant'))
  })

  it('counts a tool result as a message of its own kind, without its tool_call_id', () => {
    const [enc] = ENCODINGS
    const result = chatMessageTokens(
      messageParts({ role: 'tool', tool_call_id: 'call_abcdefghijklmnop', content: '{"temp": 21}' }),
      enc.count,
    )
    expect(result).toMatchObject({ text: 0, toolResults: enc.count('{"temp": 21}'), toolCalls: 0 })
    expect(result.total).toBe(enc.count('{"temp": 21}') + 3 + enc.count('tool'))
  })

  it('counts list content part by part, images by the tile rule, other items as JSON', () => {
    const [enc] = ENCODINGS
    const png1x1 =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC'
    const message = {
      role: 'user',
      content: [
        { type: 'text', text: 'Compare' },
        { type: 'image_url', image_url: { url: png1x1 } },
        { type: 'image_url', image_url: { url: 'https://example.com/x.png', detail: 'low' } },
        { type: 'custom_block', value: 1 },
      ],
    }
    const tokens = chatMessageTokens(messageParts(message), enc.count)
    expect(tokens.images).toBe(85 + 170 + 85)
    expect(tokens.text).toBe(enc.count('Compare') + enc.count('{"type":"custom_block","value":1}'))
  })

  it('gives entries that are not objects nothing', () => {
    expect(chatMessageTokens(messageParts('just a string'), ENCODINGS[0].count).total).toBe(0)
  })
})
