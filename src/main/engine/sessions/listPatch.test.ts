import { describe, expect, it } from 'vitest'
import { applyListPatch, invertListPatch, ListDraft, type ListPatch } from './listPatch'

const letters = [...'abcdefgh']

describe('list patches', () => {
  it('applies every splice against the original positions in one pass, leaving the input alone', () => {
    const patch: ListPatch<string> = [
      { start: 0, removed: ['a'], inserted: [] },
      { start: 2, removed: ['c', 'd'], inserted: ['X', 'Y', 'Z'] },
      { start: 5, removed: [], inserted: ['!'] },
      { start: 7, removed: ['h'], inserted: ['H'] },
    ]
    expect(applyListPatch(letters, patch)).toEqual([...'bXYZe!fgH'])
    expect(letters).toEqual([...'abcdefgh'])
  })

  it('inverts to the patch that restores the original', () => {
    const patch: ListPatch<string> = [
      { start: 1, removed: ['b', 'c'], inserted: [] },
      { start: 4, removed: ['e'], inserted: ['1', '2', '3'] },
      { start: 8, removed: [], inserted: ['end'] },
    ]
    const patched = applyListPatch(letters, patch)
    expect(patched).toEqual([...'ad123fgh', 'end'])
    expect(applyListPatch(patched, invertListPatch(patch))).toEqual(letters)
  })

  it('refuses, with CONFLICT, a patch whose removed items are not where it expects them', () => {
    const conflict = { code: 'CONFLICT' }
    expect(() => applyListPatch(letters, [{ start: 1, removed: ['c'], inserted: [] }])).toThrow(
      expect.objectContaining(conflict),
    )
    expect(() => applyListPatch(letters, [{ start: 7, removed: ['h', 'i'], inserted: [] }])).toThrow(
      expect.objectContaining(conflict),
    )
    const overlapping: ListPatch<string> = [
      { start: 2, removed: ['c', 'd'], inserted: [] },
      { start: 3, removed: ['d'], inserted: [] },
    ]
    expect(() => applyListPatch(letters, overlapping)).toThrow(expect.objectContaining(conflict))
  })

  it('drafts read through earlier patches and hand back the original untouched when nothing changed', () => {
    const draft = new ListDraft(letters)
    draft.apply([])
    expect(draft.result).toBe(letters)
    draft.apply([{ start: 0, removed: ['a', 'b'], inserted: [] }])
    expect(draft.length).toBe(6)
    expect(draft.at(0)).toBe('c')
    expect(draft.slice(4, 6)).toEqual(['g', 'h'])
    expect(letters).toHaveLength(8)
  })
})
