import { describe, expect, it } from 'vitest'
import type { DocumentSummary } from '../../shared/model/document'
import { unsavedEditsPrompt } from './unsavedGuard'

const doc = (name: string, dirty: boolean) => ({ name, dirty }) as DocumentSummary

describe('the unsaved-edits prompt', () => {
  it('asks nothing when every document is saved', () => {
    expect(unsavedEditsPrompt([doc('a.json', false)])).toBeNull()
  })
  it('names the unsaved documents', () => {
    expect(unsavedEditsPrompt([doc('a.json', true), doc('b.json', false), doc('c.json', true)])).toEqual({
      message: '2 documents have unsaved edits.',
      detail: '• a.json\n• c.json\n\nQuit anyway and lose them?',
    })
  })
})
