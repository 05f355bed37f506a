// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { createStores } from '../../stores/createStores'
import { StoresProvider } from '../../stores/StoresContext'
import { createFakeClient } from '../../testing/fakeClient'
import { summary } from '../../testing/samples'
import { RawJson } from './RawJson'

afterEach(cleanup)

function show(props: { rawSaved?: string | null }, source: 'file' | 'session' = 'file') {
  const stores = createStores(createFakeClient({}))
  stores.documents.getState().onOpened(summary({ source }))
  render(
    <StoresProvider stores={stores}>
      <RawJson docId="d1" index={2} messageId={7} raw='{"content": "edited"}' {...props} />
    </StoresProvider>,
  )
  return screen.getByRole('region', { name: 'Raw JSON of message 2' })
}

describe('RawJson', () => {
  it('labels an unedited message as saved, exactly as in the file', () => {
    const region = show({})
    expect(region.textContent).toContain('raw JSON as saved, exactly as in the file (no unsaved edits)')
    expect(within(region).queryByRole('group', { name: 'Which version' })).toBeNull()
    expect(within(region).getByRole('button', { name: 'Copy raw JSON' })).toBeTruthy()
  })

  it('offers the edited and the saved version of an edited message, each with its copy', () => {
    const region = show({ rawSaved: '{"content": "on disk"}' })
    expect(region.querySelector('pre')?.textContent).toBe('{"content": "edited"}')
    expect(region.textContent).toContain('raw JSON as edited (unsaved')
    expect(within(region).getByRole('button', { name: 'Copy raw JSON as edited' })).toBeTruthy()
    fireEvent.click(within(region).getByRole('button', { name: 'As saved' }))
    expect(region.querySelector('pre')?.textContent).toBe('{"content": "on disk"}')
    expect(region.textContent).toContain('raw JSON as saved, exactly as in the file')
    expect(within(region).getByRole('button', { name: 'Copy raw JSON as saved' })).toBeTruthy()
  })

  it('says a message added since the last save is not in the saved file', () => {
    const region = show({ rawSaved: null })
    fireEvent.click(within(region).getByRole('button', { name: 'As saved' }))
    expect(region.textContent).toContain('Not in the saved file')
    expect(region.querySelector('pre')).toBeNull()
  })

  it('shows one version for a store session, saying edits are stored at once', () => {
    const region = show({}, 'session')
    expect(region.textContent).toContain('raw JSON as stored (edits are written to the store at once)')
  })
})
