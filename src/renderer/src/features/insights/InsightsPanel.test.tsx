// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { DocumentInsights } from '../../../../shared/domains/insights/model'
import type { EditResult } from '../../../../shared/model/edit'
import { createStores } from '../../stores/createStores'
import { StoresProvider } from '../../stores/StoresContext'
import { createFakeClient, flush } from '../../testing/fakeClient'
import { compactionSettings, summary } from '../../testing/samples'
import { InsightsPanel } from './InsightsPanel'

afterEach(cleanup)

const editResult = (revision: number): EditResult => ({
  insertedIds: [],
  id: 'd1',
  revision,
  dirty: true,
  canUndo: true,
  canRedo: false,
  undoLabel: null,
  redoLabel: null,
  disk: 'same',
  path: '/data/03_tool_calls.json',
})

const redactedJson = '{"role": "user", "content": "key [REDACTED:openai-key]", "score": 5.0}'

function report(): DocumentInsights {
  return {
    conversationId: 'd1',
    revision: 0,
    memoryType: 'conversation_history',
    messageIds: [11, 12, 13, 14],
    analysis: {
      messageCount: 4,
      nonObjectIndices: [],
      roles: {
        user: { count: 1, messageIndices: [0] },
        assistant: { count: 2, messageIndices: [1, 3] },
        tool: { count: 1, messageIndices: [2] },
      },
      turns: [
        {
          turn: 0,
          startIndex: 0,
          endIndex: 0,
          userIndex: null,
          roles: {},
          toolCalls: 0,
          tokens: 0,
          cumulativeTokens: 0,
        },
        {
          turn: 1,
          startIndex: 0,
          endIndex: 3,
          userIndex: 0,
          roles: {},
          toolCalls: 2,
          tokens: 90,
          cumulativeTokens: 90,
        },
      ],
      tools: {
        totalCalls: 2,
        answeredCalls: 1,
        byTool: [
          {
            tool: 'get_weather',
            coordination: false,
            calls: 2,
            answered: 1,
            failures: 0,
            callIndices: [1, 1],
            failureResultIndices: [],
            longestFailureStreak: null,
          },
        ],
        failures: [],
        unanswered: [{ tool: 'get_weather', callId: 'call_b', messageIndex: 1, position: 1 }],
        orphanResults: [],
        loops: [],
      },
      handoffs: {
        handoffs: [
          {
            messageIndex: 3,
            from: 'Planner',
            to: 'Writer',
            request: 'Write it up',
            source: 'invoke_agent',
            callId: 'c9',
            parallelWith: [],
            resultIndex: null,
          },
        ],
        problems: [],
        agents: [],
        delegations: [{ from: 'Planner', to: 'Writer', count: 1, messageIndices: [3] }],
      },
      tokens: {
        counter: 'marsys-default',
        total: 90,
        perMessage: [30, 20, 20, 20],
        byRole: {},
        largest: [{ messageIndex: 0, tokens: 30 }],
        thresholdTokens: 100,
        thresholdUsed: 0.9,
        overThresholdAt: null,
      },
      contentIssues: [],
      time: null,
    },
    secrets: {
      findings: [
        {
          messageIndex: 0,
          path: ['content'],
          jsonPath: '$.messages[0].content',
          kind: 'openai-key',
          start: 4,
          end: 40,
          preview: 'sk-p… (36 chars)',
        },
      ],
      edits: [
        {
          messageIndex: 0,
          path: ['content'],
          jsonPath: '$.messages[0].content',
          replacement: 'key [REDACTED:openai-key]',
          kinds: ['openai-key'],
        },
      ],
      messageIndices: [0],
      byKind: { 'openai-key': 1 },
    },
    actions: [
      {
        id: 'redact-secrets:0',
        kind: 'redact-secrets',
        severity: 'high',
        title: 'secret-looking strings in 1 message (API keys, tokens, passwords)',
        detail: 'openai-key ×1',
        messageIndices: [0],
        run: { type: 'redact', edits: [] },
      },
      {
        id: 'compact:0',
        kind: 'compact',
        severity: 'medium',
        title: 'compact: 90% of the threshold used',
        detail: '',
        messageIndices: [0],
        run: { type: 'compaction-preview', thresholdTokens: 100, totalTokens: 90 },
      },
      {
        id: 'resolve-unanswered-calls:1',
        kind: 'resolve-unanswered-calls',
        severity: 'medium',
        title: '1 unanswered tool call',
        detail: '',
        messageIndices: [1],
        run: { type: 'remove-tool-calls', calls: [{ messageIndex: 1, callId: 'call_b', position: 1 }] },
      },
      {
        id: 'review-errors:2',
        kind: 'review-errors',
        severity: 'low',
        title: '2 messages report errors',
        detail: '',
        messageIndices: [2, 3],
        run: { type: 'show-messages', messageIndices: [2, 3] },
      },
    ],
    insights: [],
    redacted: [{ index: 0, json: redactedJson }],
  }
}

async function setup() {
  const client = createFakeClient({
    'insights.document': () => report(),
    'summary.compactionDefaults': () => compactionSettings(100),
    'document.state': () => editResult(0),
    'document.edit': () => editResult(1),
  })
  const stores = createStores(client)
  stores.documents.getState().onOpened(summary())
  await stores.edit.getState().ensure('d1')
  render(
    <StoresProvider stores={stores}>
      <InsightsPanel docId="d1" />
    </StoresProvider>,
  )
  await act(() => flush())
  return { client, stores, actions: screen.getByRole('region', { name: 'Suggested actions' }) }
}

describe('InsightsPanel', () => {
  it('measures against the compaction panel’s threshold', async () => {
    const { client } = await setup()
    expect(client.callsTo('insights.document')).toEqual([{ id: 'd1', thresholdTokens: 100 }])
    expect(screen.getByRole('region', { name: 'Token growth' }).textContent).toContain('90 of 100 tokens')
  })

  it('follows a threshold changed in the compaction form', async () => {
    const { client, stores } = await setup()
    await act(async () => {
      stores.view.getState().setCompactionThreshold(450)
      await flush()
    })
    expect(client.callsTo('insights.document').at(-1)).toEqual({ id: 'd1', thresholdTokens: 450 })
  })

  it('redacts after a preview that never shows the secret, as one edit', async () => {
    const { client, actions } = await setup()
    fireEvent.click(within(actions).getByRole('button', { name: /^Redact…/ }))
    const preview = screen.getByRole('region', { name: 'Redaction preview' })
    expect(preview.textContent).toContain('$.messages[0].content')
    expect(preview.textContent).toContain('sk-p… (36 chars)')
    await act(async () => {
      fireEvent.click(within(preview).getByRole('button', { name: 'Apply redaction' }))
      await flush()
    })
    expect(client.callsTo('document.edit')).toEqual([
      { id: 'd1', revision: 0, commands: [{ op: 'setMessageJson', index: 0, json: redactedJson }] },
    ])
  })

  it('removes an unanswered call, opens the compaction panel, selects messages', async () => {
    const { client, stores, actions } = await setup()
    await act(async () => {
      fireEvent.click(within(actions).getByRole('button', { name: /^Remove the call/ }))
      await flush()
    })
    expect(client.callsTo('document.edit')).toEqual([
      { id: 'd1', revision: 0, commands: [{ op: 'removeToolCall', index: 1, callIndex: 1 }] },
    ])
    fireEvent.click(within(actions).getByRole('button', { name: /^Preview compaction/ }))
    expect(stores.view.getState().panel).toBe('compaction')
    fireEvent.click(within(actions).getByRole('button', { name: /^Select messages/ }))
    expect(stores.view.getState().jump).toMatchObject({ docId: 'd1', index: 2 })
    expect(stores.view.getState().views.d1?.multi).toEqual([13, 14])
  })

  it('links figures to their messages and names who delegated to whom', async () => {
    const { stores } = await setup()
    const handoffs = screen.getByRole('region', { name: 'Hand-offs' })
    expect(handoffs.textContent).toContain('Planner → Writer')
    fireEvent.click(within(handoffs).getByRole('button', { name: 'Go to message 3' }))
    expect(stores.view.getState().jump).toMatchObject({ docId: 'd1', index: 3 })
  })
})
