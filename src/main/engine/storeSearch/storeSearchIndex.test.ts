import { describe, expect, it } from 'vitest'
import { planQuery } from './queryPlan'
import { fieldMask, StoreSearchIndex, type MessageTexts } from './storeSearchIndex'

/** Texts by field: content, role, tool, name, arguments. */
const message = (content: string, role = 'user', args: string[] = []): MessageTexts => [
  [content],
  [role],
  [],
  [],
  args,
]

function found(index: StoreSearchIndex, text: string, fields = fieldMask(['content', 'role', 'arguments'])) {
  const plan = planQuery({ text })!
  const { refs, certain } = index.candidates(plan.fragments, fields, plan.exact)
  return [...refs].map((ref, i) => {
    const where = index.locate(ref)!
    return `${where.sessionId}#${where.index}${certain[i] ? '' : '?'}`
  })
}

describe('store search index', () => {
  it('keeps showing a session’s old messages until its new ones are committed', () => {
    const index = new StoreSearchIndex()
    index.setSession('s', [message('old words')])
    const writer = index.writeSession('s')
    writer.add(message('new words'))
    expect(found(index, 'old')).toEqual(['s#0'])
    expect(found(index, 'new')).toEqual([])
    expect(() => index.writeSession('t')).toThrow(/one session/)
    writer.commit()
    expect(found(index, 'old')).toEqual([])
    expect(found(index, 'new')).toEqual(['s#0'])

    const dropped = index.writeSession('s')
    dropped.add(message('abandoned'))
    dropped.abandon()
    expect(found(index, 'abandoned')).toEqual([])
    expect(found(index, 'new')).toEqual(['s#0'])
  })

  it('looks words up by field, whole, by prefix, suffix or inside', () => {
    const index = new StoreSearchIndex()
    index.setSession('a', [
      message('Weather in Berlin', 'user'),
      message('', 'assistant', ['call_wx_berlin']),
    ])
    expect(found(index, 'berlin')).toEqual(['a#0', 'a#1'])
    expect(found(index, 'berlin', fieldMask(['content']))).toEqual(['a#0'])
    expect(found(index, 'erli')).toEqual(['a#0', 'a#1'])
    // "in Ber": a word ending in "in" and one starting with "ber": candidates to check, not certain.
    expect(found(index, 'in Ber')).toEqual(['a#0?'])
    expect(found(index, 'assistant', fieldMask(['role']))).toEqual(['a#1'])
    expect(found(index, 'assistant', fieldMask(['content']))).toEqual([])
  })

  it('forgets deleted sessions, reuses their slots and compacts without losing anything', () => {
    const index = new StoreSearchIndex()
    index.setSession('gone', [message('shared'), message('shared too')])
    index.setSession('empty', [])
    index.setSession('kept', [message('shared'), message('kept only')])
    expect(index.removeSession('gone')).toBe(true)
    expect(index.removeSession('gone')).toBe(false)
    expect(found(index, 'shared')).toEqual(['kept#0'])
    index.setSession('new', [message('shared')])
    index.compact()
    expect(found(index, 'shared')).toEqual(['kept#0', 'new#0'])
    expect(index.sessionCount).toBe(3)
    expect(index.messageCount).toBe(3)
    index.setSession('empty', [message('no longer empty')])
    expect(found(index, 'empty')).toEqual(['empty#0'])
    index.clear()
    expect(found(index, 'shared')).toEqual([])
    expect(index.sessionCount).toBe(0)
  })
})
