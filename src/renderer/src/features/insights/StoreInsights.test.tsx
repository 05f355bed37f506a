// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { StoreInsightsView } from '../../../../shared/domains/insights/model'
import { createStores } from '../../stores/createStores'
import { StoresProvider } from '../../stores/StoresContext'
import { createFakeClient, flush } from '../../testing/fakeClient'
import { compactionSettings } from '../../testing/samples'
import { StoreInsights } from './StoreInsights'

afterEach(cleanup)

const insight = (type: string, sessions: string[]) => ({
  insightId: `store:${type}`,
  insightType: type,
  title: 'one session’s title',
  description: `${sessions.length} of 3 conversations`,
  data: {},
  confidence: 0.9,
  relevance: 0.9,
  sourceRecords: sessions.map((conversationId) => ({ conversationId, messageIndices: [0] })),
  timeRange: null,
})

const REPORT: StoreInsightsView = {
  sessionsRead: 3,
  sessionsTotal: 3,
  conversations: [
    {
      conversationId: 'leaky',
      messageCount: 2,
      actions: [
        {
          id: 'redact-secrets:0',
          kind: 'redact-secrets',
          severity: 'high',
          title: 'secret-looking strings in 1 message (API keys, tokens, passwords)',
          detail: '',
          messageIndices: [0],
          run: { type: 'redact', edits: [] },
        },
      ],
      insights: [],
    },
    { conversationId: 'calm', messageCount: 4, actions: [], insights: [] },
  ],
  insights: [
    insight('secrets', ['leaky']),
    {
      ...insight('token-pressure', ['leaky', 'calm']),
      data: { perConversation: { leaky: { thresholdUsed: 0.82 }, calm: { thresholdUsed: 0.1 } } },
    },
  ],
}

describe('StoreInsights', () => {
  it('shows the store’s insights with the compaction threshold, each session a link that opens it', async () => {
    // No session.open answer: the call is what this test looks for.
    const client = createFakeClient({
      'summary.compactionDefaults': () => compactionSettings(1234),
      'insights.store': () => REPORT,
      'insights.cancel': () => ({ cancelled: false }),
    })
    const stores = createStores(client)
    render(
      <StoresProvider stores={stores}>
        <StoreInsights />
      </StoresProvider>,
    )
    const button = screen.getByRole('button', { name: 'Insights for the whole store' })
    expect(button.getAttribute('aria-expanded')).toBe('false')
    await act(async () => {
      fireEvent.click(button)
      await flush()
    })
    expect(client.callsTo('insights.store')).toEqual([
      { jobId: expect.stringMatching(/^insights-/), thresholdTokens: 1234 },
    ])
    const view = screen.getByRole('region', { name: 'Store insights' })
    const across = within(view).getByRole('list', { name: 'Insights across the store' })
    expect(across.textContent).toContain('Secret-looking strings (1 of 3 conversations) leaky')
    expect(across.textContent).toContain(
      'Token use against the compaction threshold (2 of 3 conversations) leaky 82%calm 10%',
    )
    const table = within(view).getByRole('table', { name: 'Suggested actions per session' })
    expect(within(table).getAllByRole('row')).toHaveLength(2)
    expect(table.textContent).toContain('high secret-looking strings in 1 message')
    await act(async () => {
      fireEvent.click(within(table).getByRole('button', { name: 'Open session leaky' }))
      await flush()
    })
    expect(client.callsTo('session.open')).toEqual([{ id: 'leaky' }])
  })
})
