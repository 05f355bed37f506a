// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { MessageDetail } from '../../../../shared/model/document'
import type { EditResult } from '../../../../shared/model/edit'
import { ApiError } from '../../api/apiError'
import { createStores } from '../../stores/createStores'
import { createFakeClient, flush, type FakeHandlers } from '../../testing/fakeClient'
import { renderMessageCard } from '../../testing/renderMessageCard'
import { detail, summary } from '../../testing/samples'

afterEach(cleanup)

const state = (revision: number): EditResult => ({
  insertedIds: [],
  id: 'd1',
  revision,
  dirty: revision > 0,
  canUndo: revision > 0,
  canRedo: false,
  undoLabel: null,
  redoLabel: null,
  disk: 'same',
  path: '/data/03_tool_calls.json',
})

async function show(message: MessageDetail, handlers: FakeHandlers = {}) {
  const client = createFakeClient({
    'document.message': () => message,
    'document.state': () => state(2),
    'document.edit': () => state(3),
    ...handlers,
  })
  const stores = createStores(client)
  stores.documents.getState().onOpened(summary())
  await renderMessageCard(stores, { index: message.index, selected: true })
  const card = screen.getByRole('article')
  fireEvent.click(within(card).getByRole('button', { name: 'Edit' }))
  return {
    client,
    stores,
    card,
    form: within(card).getByRole('form', { name: `Edit message ${message.index}` }),
  }
}

describe('MessageEditor', () => {
  it('applies the changed fields as one edit at the current revision, then closes', async () => {
    const { client, stores, form, card } = await show(detail(1))
    expect(within(card).queryByRole('toolbar', { name: 'Message 1 actions' })).toBeNull()
    fireEvent.change(within(form).getByLabelText('Content text'), { target: { value: 'new words' } })
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'alice' } })
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Apply' }))
      await flush()
    })
    expect(client.callsTo('document.edit')).toEqual([
      {
        id: 'd1',
        revision: 2,
        commands: [
          { op: 'setField', index: 1, field: 'name', value: 'alice' },
          { op: 'setContentText', index: 1, text: 'new words' },
        ],
      },
    ])
    expect(within(card).queryByRole('form')).toBeNull()
    expect(stores.view.getState().views.d1.editing).toEqual({})
  })

  it('keeps the draft and shows main’s refusal; Cancel drops it without an edit', async () => {
    const { client, form, card } = await show(detail(1), {
      'document.edit': () => {
        throw new ApiError({ code: 'INVALID_INPUT', message: 'A message must keep its role' })
      },
    })
    fireEvent.change(within(form).getByRole('combobox', { name: 'Role' }), { target: { value: '__other__' } })
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Apply' }))
      await flush()
    })
    // Refused here first: no role at all.
    expect(within(form).getByRole('alert').textContent).toContain('A message needs a role')
    expect(client.callsTo('document.edit')).toEqual([])
    fireEvent.change(within(form).getByLabelText('Custom role'), { target: { value: 'critic' } })
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Apply' }))
      await flush()
    })
    expect(within(form).getByRole('alert').textContent).toBe('Not applied: A message must keep its role')
    expect((within(form).getByLabelText('Custom role') as HTMLInputElement).value).toBe('critic')
    fireEvent.click(within(form).getByRole('button', { name: 'Cancel' }))
    expect(within(card).queryByRole('form')).toBeNull()
    expect(client.callsTo('document.edit')).toHaveLength(1)
  })

  it('tells the user when the document changed underneath, and the retry uses the new revision', async () => {
    let revision = 2
    const { client, stores, form, card } = await show(detail(1), {
      'document.state': () => state(revision),
      'document.edit': (input) => {
        if (input.revision !== revision) throw new ApiError({ code: 'CONFLICT', message: 'stale' })
        return state(++revision)
      },
    })
    await act(() => stores.edit.getState().ensure('d1'))
    revision = 7 // reloaded from disk before the edit arrived
    fireEvent.change(within(form).getByLabelText('Content text'), { target: { value: 'y' } })
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Apply' }))
      await flush()
    })
    expect(within(form).getByRole('alert').textContent).toContain(
      'The document changed before this edit reached it',
    )
    expect((within(form).getByLabelText('Content text') as HTMLTextAreaElement).value).toBe('y')
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Apply' }))
      await flush()
    })
    expect(client.callsTo('document.edit').map((call) => call.revision)).toEqual([2, 7])
    expect(within(card).queryByRole('form')).toBeNull()
  })
})
