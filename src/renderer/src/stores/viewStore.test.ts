import { describe, expect, it } from 'vitest'
import { createViewStore, draftKey, selectionOf, viewOf } from './viewStore'

describe('view store selection', () => {
  it('Ctrl/Cmd+click adds and removes; a plain click selects one again', () => {
    const view = createViewStore()
    const d = () => viewOf(view.getState(), 'd1')
    view.getState().select('d1', 2)
    view.getState().toggleInSelection('d1', 5)
    view.getState().toggleInSelection('d1', 3)
    expect(d()).toMatchObject({ selected: 3, multi: [2, 3, 5] })
    view.getState().toggleInSelection('d1', 3)
    expect(d()).toMatchObject({ selected: 5, multi: [2, 5] })
    expect(selectionOf(d())).toEqual([2, 5])
    view.getState().select('d1', 5)
    expect(d()).toMatchObject({ selected: 5, multi: [] })
    expect(selectionOf(d())).toEqual([5])
  })

  it('Shift+click selects a range; a jump asks the view to go to a position', () => {
    const view = createViewStore()
    view.getState().select('d1', 4)
    view.getState().selectRange('d1', [1, 2, 3, 4], 1)
    expect(viewOf(view.getState(), 'd1')).toMatchObject({ selected: 1, multi: [1, 2, 3, 4], anchor: 4 })
    // A jump names a position: the view showing the document selects the message it finds there.
    view.getState().jumpTo('d1', 9)
    expect(view.getState().jump).toMatchObject({ docId: 'd1', index: 9, scroll: true })
    view.getState().jumpTo('d1', 3, { scroll: false })
    expect(view.getState().jump).toMatchObject({ docId: 'd1', index: 3, scroll: false })
  })

  it('keeps editor drafts per message until the editor closes or the document goes', () => {
    const view = createViewStore()
    view.getState().openEditor('d1', 3, 'fields')
    view.getState().drafts.set(draftKey('d1', 3, 'fields'), { text: 'draft' })
    view.getState().openEditor('d1', 3, 'raw')
    expect(view.getState().drafts.has(draftKey('d1', 3, 'fields'))).toBe(true)
    view.getState().closeEditor('d1', 3)
    expect(view.getState().drafts.size).toBe(0)
    view.getState().openEditor('d1', 4, 'raw')
    view.getState().drafts.set(draftKey('d1', 4, 'raw'), '{}')
    view.getState().forget('d1')
    expect(view.getState().drafts.size).toBe(0)
    expect(viewOf(view.getState(), 'd1').editing).toEqual({})
  })
})
