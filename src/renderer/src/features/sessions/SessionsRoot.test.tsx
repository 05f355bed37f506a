// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SessionMetadataDict } from '../../../../shared/model/langswarm/sessionMetadata'
import { sessionMetadataDict } from '../../../../shared/model/langswarm/testMessages'
import type { SessionEditState } from '../../../../shared/model/session'
import { ApiError } from '../../api/apiError'
import { createStores } from '../../stores/createStores'
import { StoresProvider } from '../../stores/StoresContext'
import { createFakeClient, flush, type FakeClient } from '../../testing/fakeClient'
import { SessionsRoot } from './SessionsRoot'
import { SessionStoreSection } from './SessionStoreSection'

afterEach(cleanup)

const metadata: SessionMetadataDict = sessionMetadataDict({
  session_id: 'chat-1',
  user_id: 'alice',
  agent_id: 'bot',
  updated_at: '2026-01-02T00:00:00+00:00',
  tags: ['billing'],
})

const editState = (revision: number): SessionEditState => ({
  id: 'chat-1',
  revision,
  canUndo: revision > 0,
  canRedo: false,
  undoLabel: revision > 0 ? 'Edit status' : null,
  redoLabel: null,
})

const locked = () =>
  new ApiError({
    code: 'LOCKED',
    message: 'Session store /data/session-store is in use by pid 777',
    details: { pid: 777 },
  })

function setup(client: FakeClient) {
  render(
    <StoresProvider stores={createStores(client)}>
      <SessionsRoot>
        <main aria-label="Home">
          <SessionStoreSection />
        </main>
      </SessionsRoot>
    </StoresProvider>,
  )
}

function storeClient() {
  let revision = 1
  return createFakeClient({
    'session.list': ({ offset }) => ({ sessions: [{ metadata, messageCount: 0 }], total: 1, offset }),
    'session.stats': () => {
      throw locked()
    },
    'session.get': () => ({ metadata, messageCount: 0, summary: null }),
    'session.editState': () => editState(revision),
    'session.messages': ({ offset }) => ({ total: 0, offset, messages: [] }),
    'session.undo': () => editState(++revision),
    'session.edit': ({ revision: sent }) => {
      if (sent !== revision) throw new ApiError({ code: 'CONFLICT', message: 'stale' })
      return editState(++revision)
    },
  })
}

describe('the session store on the home screen', () => {
  it('shows who holds a locked store instead of the table, and the table once it is free', async () => {
    let isLocked = true
    const client = createFakeClient({
      'session.list': ({ offset }) => {
        if (isLocked) throw locked()
        return { sessions: [{ metadata, messageCount: 3 }], total: 1, offset }
      },
      'session.stats': () => {
        throw locked()
      },
    })
    setup(client)
    await act(() => flush())
    const region = screen.getByRole('region', { name: 'Session store' })
    expect(within(region).getByRole('alert').textContent).toContain(
      'The session store is in use by another Memory Inspector (pid 777).',
    )
    expect(within(region).queryByRole('table')).toBeNull()

    isLocked = false
    fireEvent.click(within(region).getByRole('button', { name: 'Try again' }))
    await act(() => flush())
    const table = within(region).getByRole('table', { name: 'Sessions' })
    expect(within(table).getAllByRole('row')).toHaveLength(2)
    expect(within(table).getByRole('button', { name: 'chat-1' })).toBeTruthy()
  })

  it('opens a session in place of the home screen, and goes back to it', async () => {
    const client = storeClient()
    setup(client)
    await act(() => flush())
    fireEvent.click(screen.getByRole('button', { name: 'chat-1' }))
    await act(() => flush())
    expect(screen.queryByRole('main', { name: 'Home' })).toBeNull()
    const view = screen.getByRole('main', { name: 'Session chat-1' })
    expect(within(view).getByRole('form', { name: 'Session metadata' })).toBeTruthy()
    expect(document.activeElement).toBe(view)
    fireEvent.click(within(view).getByRole('button', { name: '← Sessions' }))
    await act(() => flush())
    expect(screen.getByRole('main', { name: 'Home' })).toBeTruthy()
  })
})

describe('the session view', () => {
  async function openView() {
    const client = storeClient()
    setup(client)
    await act(() => flush())
    fireEvent.click(screen.getByRole('button', { name: 'chat-1' }))
    await act(() => flush())
    return { client, view: screen.getByRole('main', { name: 'Session chat-1' }) }
  }

  it('undoes on Ctrl+Z only while it has focus, and keeps the key from the window-wide shortcuts', async () => {
    const { client, view } = await openView()
    const windowKeys = vi.fn()
    window.addEventListener('keydown', windowKeys)
    try {
      const undo = within(view).getByRole('button', { name: 'Undo' })
      expect(undo.getAttribute('title')).toBe('Undo: Edit status (Ctrl/Cmd+Z)')
      fireEvent.keyDown(within(view).getByRole('feed'), { key: 'z', ctrlKey: true })
      await act(() => flush())
      expect(client.callsTo('session.undo')).toEqual([{ id: 'chat-1' }])
      expect(windowKeys).not.toHaveBeenCalled()

      // In a text field the key is the field's own.
      fireEvent.keyDown(within(view).getByLabelText('User id'), { key: 'z', ctrlKey: true })
      expect(client.callsTo('session.undo')).toHaveLength(1)
      expect(windowKeys).toHaveBeenCalledTimes(1)
    } finally {
      window.removeEventListener('keydown', windowKeys)
    }
  })

  it('applies metadata as one edit, and tells the user when the session changed first', async () => {
    const { client, view } = await openView()
    const form = within(view).getByRole('form', { name: 'Session metadata' })
    fireEvent.change(within(form).getByLabelText('Status'), { target: { value: 'paused' } })
    client.handlers['session.edit'] = () => {
      throw new ApiError({ code: 'CONFLICT', message: 'Session chat-1 is at edit revision 5, not 1' })
    }
    client.handlers['session.editState'] = () => editState(5)
    fireEvent.click(within(form).getByRole('button', { name: 'Apply metadata' }))
    await act(() => flush())
    expect(client.callsTo('session.edit')).toEqual([
      { id: 'chat-1', revision: 1, commands: [{ op: 'setMetadata', patch: { status: 'paused' } }] },
    ])
    const alerts = within(view)
      .getAllByRole('alert')
      .map((alert) => alert.textContent)
    expect(alerts.some((text) => text?.includes('The session changed before this edit reached it'))).toBe(
      true,
    )

    client.handlers['session.edit'] = ({ revision }) => editState(revision + 1)
    fireEvent.click(within(form).getByRole('button', { name: 'Apply metadata' }))
    await act(() => flush())
    expect(client.callsTo('session.edit').at(-1)?.revision).toBe(5)
  })
})
