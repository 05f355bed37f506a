// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { sessionMetadataDict } from '../../../../shared/model/langswarm/testing/testMessages'
import { createStores } from '../../stores/createStores'
import { StoresProvider } from '../../stores/StoresContext'
import { createFakeClient, flush } from '../../testing/fakeClient'
import { SessionStoreSection } from './SessionStoreSection'

afterEach(cleanup)

const usage = {
  session_count: 1,
  message_count: 0,
  total_tokens: 0,
  storage_size_bytes: 10,
  active_sessions: 1,
  last_cleanup: null,
}
const health = (damage?: { kind: 'missing_session_file'; file: string; problem: string }[]) => ({
  status: damage ? ('unhealthy' as const) : ('healthy' as const),
  backend_type: 'json_file' as const,
  session_count: 1,
  connected: true,
  timestamp: '2026-12-02T00:00:00+00:00',
  ...(damage ? { damage } : {}),
})

function setup(damaged: boolean) {
  const client = createFakeClient({
    'session.list': () => ({
      sessions: [{ metadata: sessionMetadataDict({ session_id: 's1' }), messageCount: 0 }],
      total: 1,
      offset: 0,
    }),
    'session.stats': () => ({
      path: '/data/session-store',
      usage,
      health: health(
        damaged
          ? [{ kind: 'missing_session_file', file: '/data/session-store/sessions/s1.json', problem: 'gone' }]
          : undefined,
      ),
    }),
    'store.repair': ({ dryRun }) => ({
      store: '/data/session-store',
      dry_run: dryRun ?? false,
      damage: [],
      actions: [
        {
          action: 'recreated_session_file',
          file: '/data/session-store/sessions/s1.json',
          detail: '',
          session_id: 's1',
        },
      ],
      sessions: 1,
      lost_messages: 0,
    }),
  })
  const stores = createStores(client)
  render(
    <StoresProvider stores={stores}>
      <SessionStoreSection />
    </StoresProvider>,
  )
  return client
}

describe('the Sessions page', () => {
  it('lists the store without a repair section while it is healthy', async () => {
    setup(false)
    await act(() => flush())
    expect(screen.getByRole('table', { name: 'Sessions' })).toBeTruthy()
    expect(screen.queryByRole('region', { name: /damaged/ })).toBeNull()
  })

  it('shows what is damaged and checks the store on request', async () => {
    const client = setup(true)
    await act(() => flush())
    expect(screen.getByRole('region', { name: 'The session store is damaged' }).textContent).toContain('gone')
    fireEvent.click(screen.getByRole('button', { name: 'Check store' }))
    await act(() => flush())
    expect(client.callsTo('store.repair')).toEqual([{ dryRun: true }])
    expect(screen.getByText(/A repair would:/)).toBeTruthy()
  })
})
