import { describe, expect, it } from 'vitest'
import { PY_JSON_MAX_DEPTH } from '../../../../shared/pyjson'
import { diagnoseMarsysBuffer } from './diagnostics'
import { MarsysFile } from './marsysFile'

const verdictOf = (text: string): ReturnType<typeof diagnoseMarsysBuffer> =>
  diagnoseMarsysBuffer(Buffer.from(text))

/** A MARSYS file whose first message's content is `depth - 3` nested arrays, so `depth` containers in all. */
const nestedFile = (depth: number): string =>
  '{"memory_type": "conversation_history", "messages": [{"role": "user", "content": ' +
  '['.repeat(depth - 3) +
  ']'.repeat(depth - 3) +
  '}]}'

describe('nesting depth in the verdict (CPython json.load: see PY_JSON_MAX_DEPTH)', () => {
  it('the deepest file MARSYS loads is loadable, one level more is not', () => {
    expect(verdictOf(nestedFile(PY_JSON_MAX_DEPTH)).marsysLoadable).toBe(true)
    const verdict = verdictOf(nestedFile(PY_JSON_MAX_DEPTH + 1))
    expect(verdict.marsysLoadable).toBe(false)
    expect(verdict.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /^nested more than 993 levels deep: Python's json raises RecursionError/,
        ),
        path: '$.messages[0].content[0][0][0][0][0]…(982 more)…[0][0][0]',
        line: 1,
      }),
    ])
  })

  it('decoding a message nested 4,000 deep fails with a typed error placed in the whole file', () => {
    const file = MarsysFile.open(Buffer.from(nestedFile(4000)))
    expect(() => file.decodeMessage(0)).toThrow(
      /^line 1, column 1072: nested more than 993 levels deep at \$\.messages\[0\]\.content\[0\]/,
    )
    expect(file.decodeMessagePlain(0)).toMatchObject({ role: 'user' })
  })
})

describe('kg files: MARSYS adds facts without building a Message', () => {
  const kgFile = (message: object): string => JSON.stringify({ memory_type: 'kg', messages: [message] })

  it.each([{ images: 'x' }, { agent_calls: 'x' }, { agent_calls: [1] }, { tool_calls: {} }])(
    'a kg message with %j loads',
    (fields) => {
      const verdict = verdictOf(kgFile({ role: 'user', content: 'Fact (user): a b c.', ...fields }))
      expect(verdict.errors).toEqual([])
      expect(verdict.marsysLoadable).toBe(true)
    },
  )

  it('still needs a role (KGMemory.add raises MessageError without one)', () => {
    expect(verdictOf(kgFile({ content: 'x' })).errors).toEqual([
      expect.objectContaining({ message: "message 0: message has no 'role' (MARSYS requires one)" }),
    ])
  })

  it('conversation files keep the Message checks', () => {
    const text = JSON.stringify({
      memory_type: 'conversation_history',
      messages: [{ role: 'user', images: 'x' }],
    })
    expect(verdictOf(text).errors).toEqual([
      expect.objectContaining({ message: 'message 0: images must be a list, got str' }),
    ])
  })
})
