// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { EditResult } from '../../../../shared/model/edit'
import { createStores } from '../../stores/createStores'
import { StoresProvider } from '../../stores/StoresContext'
import { createFakeClient, flush } from '../../testing/fakeClient'
import { compactionSettings, summary } from '../../testing/samples'
import { SimulationSection } from './SimulationSection'

afterEach(cleanup)

const state: EditResult = {
  insertedIds: [],
  id: 'd1',
  revision: 0,
  dirty: false,
  canUndo: false,
  canRedo: false,
  undoLabel: null,
  redoLabel: null,
  disk: 'same',
  path: '/data/03_tool_calls.json',
}

async function mount(stores: ReturnType<typeof createStores>) {
  const view = render(
    <StoresProvider stores={stores}>
      <SimulationSection docId="d1" />
    </StoresProvider>,
  )
  await act(() => flush())
  return view
}

describe('SimulationSection', () => {
  it('shares the threshold typed in its form, and starts from it when opened again', async () => {
    const client = createFakeClient({
      'summary.compactionDefaults': () => compactionSettings(150_000),
      'document.state': () => state,
    })
    const stores = createStores(client)
    stores.documents.getState().onOpened(summary())
    const first = await mount(stores)
    const field = screen.getByRole('spinbutton', { name: 'Threshold (tokens)' })
    expect((field as HTMLInputElement).value).toBe('150000')
    fireEvent.change(field, { target: { value: '2000' } })
    expect(stores.view.getState().compactionThreshold).toBe(2000)

    first.unmount()
    await mount(stores)
    expect((screen.getByRole('spinbutton', { name: 'Threshold (tokens)' }) as HTMLInputElement).value).toBe(
      '2000',
    )
  })
})
