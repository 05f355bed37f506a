import { describe, expect, it } from 'vitest'
import { CPYTHON_JSON_MAX_DEPTH, PY_JSON_MAX_DEPTH, toPlain } from '../../../../shared/pyjson'
import { pyRepr } from '../../../../shared/tokens/pyRepr'
import { decodeWire, encodeWire } from '../../../../shared/wire'
import { diagnoseMarsysBuffer } from './diagnostics'
import { MarsysFile } from './marsysFile'

const verdictOf = (text: string): ReturnType<typeof diagnoseMarsysBuffer> =>
  diagnoseMarsysBuffer(Buffer.from(text))

type Kind = 'arrays' | 'objects'

/** `n` nested arrays or objects around nothing (objects end in `{"a": 1}`). */
const nested = (kind: Kind, n: number): string =>
  kind === 'arrays' ? '['.repeat(n) + ']'.repeat(n) : '{"a": '.repeat(n) + '1' + '}'.repeat(n)

/** A MARSYS file whose first message's content is `depth - 3` nested containers, so `depth` containers in all. */
const nestedFile = (depth: number, kind: Kind = 'arrays'): string =>
  '{"memory_type": "conversation_history", "messages": [{"role": "user", "content": ' +
  nested(kind, depth - 3) +
  '}]}'

/** A MARSYS file whose additional_state is `depth - 1` nested containers, so `depth` containers in all. */
const nestedStateFile = (depth: number, kind: Kind = 'arrays'): string =>
  '{"memory_type": "conversation_history", "messages": [], "additional_state": ' +
  nested(kind, depth - 1) +
  '}'

// The limits measured by scripts/measure-python-json-depth.py (CPython 3.12.1 and 3.13.0).
const PY312 = 1497
const PY313 = 9998

describe('nesting depth in the verdict (CPython json.load on the Pythons MARSYS supports)', () => {
  const shapes = [
    { place: 'a message', file: nestedFile, path: '$.messages[0].content' },
    { place: 'additional_state', file: nestedStateFile, path: '$.additional_state' },
  ]
  const kinds: Kind[] = ['arrays', 'objects']

  it("the limit is CPython 3.12's, the strictest Python MARSYS supports", () => {
    expect(PY_JSON_MAX_DEPTH).toBe(PY312)
    expect(CPYTHON_JSON_MAX_DEPTH).toEqual({ '3.12': PY312, '3.13': PY313 })
  })

  for (const { place, file } of shapes) {
    for (const kind of kinds) {
      it(`${kind} in ${place}: loadable up to 3.12's limit`, () => {
        const verdict = verdictOf(file(PY312, kind))
        expect(verdict.errors).toEqual([])
        expect(verdict.marsysLoadable).toBe(true)
      })

      it(`${kind} in ${place}: one level deeper fails on 3.12 (an error naming depth, path and both versions)`, () => {
        const verdict = verdictOf(file(PY312 + 1, kind))
        expect(verdict.marsysLoadable).toBe(false)
        expect(verdict.errors).toHaveLength(1)
        const [error] = verdict.errors
        expect(error.message).toMatch(
          /^nested more than 1497 levels deep at \$\..+: CPython 3\.12's json raises RecursionError past 1497 levels, so MARSYS cannot load it on Python 3\.12 \(3\.13 reads up to 9998\)$/,
        )
        expect(error.message).toContain(error.path)
        expect(error.line).toBe(1)
      })
    }
  }

  it('the path points at the first container too deep', () => {
    const [error] = verdictOf(nestedFile(PY312 + 1)).errors
    expect(error.path).toBe('$.messages[0].content[0][0][0][0][0]…(1486 more)…[0][0][0]')
  })

  it("still within 3.13's limit is the same error; deeper than every version is not loadable anywhere", () => {
    expect(verdictOf(nestedStateFile(PY313)).errors[0].message).toMatch(/3\.13 reads up to 9998\)$/)
    const beyond = verdictOf(nestedStateFile(PY313 + 1))
    expect(beyond.marsysLoadable).toBe(false)
    expect(beyond.errors[0].message).toMatch(
      /^nested more than 1497 levels deep at \$\.additional_state.*: Python's json raises RecursionError past 1497 levels on CPython 3\.12 and past 9998 on 3\.13, so MARSYS cannot load it on any Python it supports$/,
    )
  })

  it('decoding a message nested 4,000 deep fails with a typed error placed in the whole file', () => {
    const file = MarsysFile.open(Buffer.from(nestedFile(4000)))
    expect(() => file.decodeMessage(0)).toThrow(
      /^line 1, column 1576: nested more than 1497 levels deep at \$\.messages\[0\]\.content\[0\].*\(CPython 3\.12's json raises RecursionError past 1497 levels, so MARSYS cannot load it on Python 3\.12 \(3\.13 reads up to 9998\)\)$/,
    )
    expect(file.decodeMessagePlain(0)).toMatchObject({ role: 'user' })
  })

  it("a message at 3.12's limit decodes, and walks through every walker", () => {
    for (const kind of kinds) {
      const file = MarsysFile.open(Buffer.from(nestedFile(PY312, kind)))
      const message = file.decodeMessage(0)
      expect(JSON.stringify(toPlain(message))).toBe(
        JSON.stringify(JSON.parse(nestedFile(PY312, kind)).messages[0]),
      )
      expect(pyRepr(toPlain(message))).toMatch(/^\{'role': 'user', 'content': /)
      expect(decodeWire(encodeWire({ message: toPlain(message) }))).toEqual({
        message: JSON.parse(nestedFile(PY312, kind)).messages[0],
      })
    }
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
