import { describe, expect, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { CHANNELS, EVENTS } from './channels'
import { contract, events, type InputOf, type OutputOf } from './contract'

describe('the contract, written once as schemas', () => {
  it('derives each type from its schema, so a field missing from a schema is missing from the type', () => {
    expectTypeOf<InputOf<'document.close'>>().toEqualTypeOf<{ id: string; discard?: boolean | undefined }>()
    expectTypeOf<OutputOf<'document.close'>>().toEqualTypeOf<{ closed: boolean }>()
    // What the old hand-written pair allowed: the schema loses `discard`, the handler still reads it. Now the
    // handler's input type is the schema's, so reading the lost field fails the build.
    const withoutDiscard = z.strictObject({ id: z.string() })
    type CloseInput = z.infer<typeof withoutDiscard>
    // @ts-expect-error `discard` is not in the schema, so it is not in the type
    const handler = ({ id, discard }: CloseInput) => ({ closed: id !== '' && discard === true })
    expect(withoutDiscard.safeParse({ id: 'd1', discard: true }).success).toBe(false)
    expect(handler).toBeDefined()
    // @ts-expect-error a caller cannot send a field the schema does not have
    const extra: InputOf<'document.close'> = { id: 'd1', discardAll: true }
    expect(extra).toBeDefined()
  })

  it('checks inputs at run time: limits hold and unknown or missing fields are refused', () => {
    const close = contract['document.close'].input
    expect(close.safeParse({ id: 'd1', discard: true }).success).toBe(true)
    expect(close.safeParse({ id: 'd1', discard: 'yes' }).success).toBe(false)
    expect(close.safeParse({ discard: true }).success).toBe(false)
    expect(close.safeParse({ id: 'd1', discardAll: true }).success).toBe(false)
    const rows = contract['document.rows'].input
    expect(rows.safeParse({ id: 'd1', offset: 0, limit: 5_000 }).success).toBe(true)
    expect(rows.safeParse({ id: 'd1', offset: 0, limit: 5_001 }).success).toBe(false)
    expect(contract['document.open'].input.safeParse({ paths: [] }).success).toBe(false)
  })

  it('checks outputs too: a reply missing a field does not match', () => {
    const state = contract['document.state'].output
    const good = {
      id: 'd1',
      revision: 3,
      dirty: false,
      canUndo: true,
      canRedo: false,
      undoLabel: 'Edit message 2',
      redoLabel: null,
      disk: 'same',
      path: '/data/a.json',
    }
    expect(state.safeParse(good).success).toBe(true)
    const { disk: _disk, ...missing } = good
    expect(state.safeParse(missing).success).toBe(false)
    expect(events['document.changed'].safeParse({ id: 'd1', revision: 1 }).success).toBe(false)
  })

  it('keeps the import-free lists the preload bundles equal to the contract, in order', () => {
    expect(Object.keys(contract)).toEqual([...CHANNELS])
    expect(Object.keys(events)).toEqual([...EVENTS])
  })
})
