// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { createStores } from '../../stores/createStores'
import { StoresProvider } from '../../stores/StoresContext'
import { createFakeClient, flush } from '../../testing/fakeClient'
import { summary } from '../../testing/samples'
import { DocumentView } from '../documents/DocumentView'

afterEach(cleanup)

async function show(fileText: { text: string; totalBytes: number; shownBytes: number }) {
  const client = createFakeClient({ 'document.fileText': () => fileText })
  const stores = createStores(client)
  const what = 'This is a JSON array of 3 items, not a MARSYS memory file.'
  stores.documents.getState().onOpened(summary({ name: 'list.json', messageCount: 0, notAMemory: what }))
  render(
    <StoresProvider stores={stores}>
      <DocumentView docId="d1" />
    </StoresProvider>,
  )
  await act(() => flush())
}

describe('a document that is not a memory', () => {
  it('says what it is and shows its JSON read-only instead of an empty timeline', async () => {
    await show({ text: '[1, 2, 3]', totalBytes: 9, shownBytes: 9 })
    expect(screen.getByRole('status').textContent).toContain(
      'This is a JSON array of 3 items, not a MARSYS memory file.',
    )
    const text = await screen.findByRole('textbox', { name: 'JSON text of the file (read-only)' })
    expect(text.getAttribute('contenteditable')).toBe('false')
    expect(text.textContent).toBe('[1, 2, 3]')
    expect(screen.getByText('the whole file, 9 B')).toBeTruthy()
    expect(screen.queryByRole('group', { name: 'View' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull()
  })

  it('says when only the start of a huge file is shown', async () => {
    await show({ text: '[1, 2', totalBytes: 10 * 1024 * 1024, shownBytes: 5 })
    expect(screen.getByText(/Only the start of the file is shown/)).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Copy JSON' })).toBeNull()
  })
})
