import { describe, expect, it } from 'vitest'
import { applyRedactions, redactMessages, scanSecrets } from './redaction'
import {
  LEAKED_GITHUB_TOKEN,
  LEAKED_OPENAI_KEY,
  fixtureMessages,
  leakedKeyConversation,
} from './testing/testConversations'

describe('redaction', () => {
  it('finds keys in content and in tool-call arguments, per message and JSON path, without showing them', () => {
    const scan = scanSecrets(leakedKeyConversation())
    expect(scan.messageIndices).toEqual([1, 2])
    expect(scan.byKind).toEqual({ 'openai-key': 1, 'github-token': 1 })
    expect(scan.findings.map((f) => [f.messageIndex, f.jsonPath, f.kind, f.preview])).toEqual([
      [1, '$.messages[1].content', 'openai-key', 'sk-p… (44 chars)'],
      [2, '$.messages[2].tool_calls[0].function.arguments', 'github-token', 'ghp_… (42 chars)'],
    ])
    expect(JSON.stringify(scan.findings)).not.toContain(LEAKED_OPENAI_KEY)
    expect(scan.edits).toEqual([
      {
        messageIndex: 1,
        path: ['content'],
        jsonPath: '$.messages[1].content',
        replacement: 'My key is [REDACTED:openai-key], please set it up.',
        kinds: ['openai-key'],
      },
      {
        messageIndex: 2,
        path: ['tool_calls', 0, 'function', 'arguments'],
        jsonPath: '$.messages[2].tool_calls[0].function.arguments',
        replacement: '{"name":"GITHUB_TOKEN","value":"[REDACTED:github-token]"}',
        kinds: ['github-token'],
      },
    ])
  })

  it('applies the edits to copies: arguments stay valid JSON, other messages are untouched', () => {
    const original = leakedKeyConversation()
    const before = JSON.stringify(original)
    const { messages } = redactMessages(original)
    expect(JSON.stringify(original)).toBe(before)
    expect(messages[0]).toBe(original[0])
    expect(messages[3]).toBe(original[3])
    const text = JSON.stringify(messages)
    expect(text).not.toContain(LEAKED_OPENAI_KEY)
    expect(text).not.toContain(LEAKED_GITHUB_TOKEN)
    const args = (messages[2] as { tool_calls: { function: { arguments: string } }[] }).tool_calls[0].function
      .arguments
    expect(JSON.parse(args)).toEqual({ name: 'GITHUB_TOKEN', value: '[REDACTED:github-token]' })
    expect(scanSecrets(messages).findings).toEqual([])
  })

  it('reads typed-array parts, names, metadata and unknown fields; skips ids, roles and inline images', () => {
    const key = 'AKIAIOSFODNN7EXAMPLE'
    const messages = [
      {
        role: 'user',
        content: [
          { type: 'text', text: `aws ${key}` },
          { type: 'image_url', image_url: { url: `data:image/png;base64,xx ${key}` } },
        ],
        name: `bot ${key}`,
        metadata: { note: { deep: [`x ${key}`] } },
        tool_call_id: key,
        'odd key': `y ${key}`,
      },
    ]
    const scan = scanSecrets(messages)
    expect(scan.findings.map((f) => f.jsonPath)).toEqual([
      '$.messages[0].content[0].text',
      '$.messages[0].name',
      '$.messages[0].metadata.note.deep[0]',
      '$.messages[0]["odd key"]',
    ])
    const [redacted] = applyRedactions(messages, scan.edits) as (typeof messages)[number][]
    expect(redacted.content[0].text).toBe('aws [REDACTED:aws-access-key]')
    expect(redacted.tool_call_id).toBe(key)
  })

  it('finds nothing in the MARSYS fixtures', () => {
    for (const name of [
      '03_tool_calls.json',
      '05_images.json',
      '08_unicode_emoji_rtl.json',
      '13_agent_state_with_planning.json',
    ])
      expect(scanSecrets(fixtureMessages(name)).findings, name).toEqual([])
  })
})
