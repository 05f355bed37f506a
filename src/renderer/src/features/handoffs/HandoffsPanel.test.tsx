// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { DocumentHandoffs } from '../../../../shared/domains/insights/model'
import { createStores } from '../../stores/createStores'
import { StoresProvider } from '../../stores/StoresContext'
import { createFakeClient, flush } from '../../testing/fakeClient'
import { summary } from '../../testing/samples'
import { HandoffsPanel } from './HandoffsPanel'

afterEach(cleanup)

const handoff = (
  messageIndex: number,
  to: string,
  resultIndex: number | null,
  parallelWith: string[] = [],
) => ({
  messageIndex,
  from: 'Planner',
  to,
  request: `Task for ${to}`,
  source: 'invoke_agent' as const,
  callId: `call_${messageIndex}`,
  parallelWith,
  resultIndex,
})

function report(): DocumentHandoffs {
  return {
    conversationId: 'd1',
    revision: 0,
    messageCount: 9,
    analysis: {
      handoffs: [
        handoff(1, 'Researcher', 2, ['Analyst']),
        handoff(1, 'Analyst', 2, ['Researcher']),
        handoff(3, 'Writer', null),
        handoff(6, 'Writer', 7),
      ],
      problems: [{ messageIndex: 8, callId: 'call_8', problem: 'invocations[0] has no agent_name' }],
      agents: [
        { agent: 'Analyst', messageIndices: [], invokedAt: [1] },
        { agent: 'Planner', messageIndices: [1, 3, 6], invokedAt: [] },
        { agent: 'Researcher', messageIndices: [], invokedAt: [1] },
        { agent: 'Writer', messageIndices: [], invokedAt: [3, 6] },
      ],
      delegations: [
        { from: 'Planner', to: 'Writer', count: 2, messageIndices: [3, 6] },
        { from: 'Planner', to: 'Researcher', count: 1, messageIndices: [1] },
        { from: 'Planner', to: 'Analyst', count: 1, messageIndices: [1] },
      ],
    },
  }
}

async function setup(answer: DocumentHandoffs) {
  const client = createFakeClient({ 'insights.handoffs': () => answer })
  const stores = createStores(client)
  stores.documents.getState().onOpened(summary())
  render(
    <StoresProvider stores={stores}>
      <HandoffsPanel docId="d1" />
    </StoresProvider>,
  )
  await act(() => flush())
  return { client, stores }
}

describe('HandoffsPanel', () => {
  it('shows who delegated to whom with counts, and each hand-off with whether it was answered', async () => {
    const { client } = await setup(report())
    expect(client.callsTo('insights.handoffs')).toEqual([{ id: 'd1' }])
    expect(screen.getByText(/^4 hand-offs between 4 agents, 1 refused$/)).toBeTruthy()
    const rows = within(screen.getByRole('table', { name: 'Delegations' })).getAllByRole('row')
    expect(rows.map((row) => row.textContent)).toEqual([
      'FromToHand-offs',
      'Planner→ Writer2',
      'Planner→ Researcher1',
      'Planner→ Analyst1',
    ])
    const list = screen.getByRole('list', { name: 'Hand-off list' })
    expect(
      within(list)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual([
      '#1 Planner → Researcher (with Analyst) answered in #2 Task for Researcher',
      '#1 Planner → Analyst (with Researcher) answered in #2 Task for Analyst',
      '#3 Planner → Writer unanswered Task for Writer',
      '#6 Planner → Writer answered in #7 Task for Writer',
    ])
  })

  it('jumps to a hand-off’s message, and to a refused call’s', async () => {
    const { stores } = await setup(report())
    fireEvent.click(screen.getByRole('button', { name: /^#3 Planner → Writer unanswered/ }))
    expect(stores.view.getState().jump).toMatchObject({ docId: 'd1', index: 3, scroll: true })
    fireEvent.click(screen.getByRole('button', { name: '#8 invocations[0] has no agent_name' }))
    expect(stores.view.getState().jump).toMatchObject({ docId: 'd1', index: 8 })
  })

  it('lists only one pair’s hand-offs when its count is pressed, and all again', async () => {
    await setup(report())
    const writer = screen.getByRole('button', { name: '2 from Planner to Writer: list only these' })
    fireEvent.click(writer)
    expect(writer.getAttribute('aria-pressed')).toBe('true')
    const list = screen.getByRole('list', { name: 'Hand-off list' })
    expect(within(list).getAllByRole('button')).toHaveLength(2)
    fireEvent.click(screen.getByRole('button', { name: 'Show all' }))
    expect(within(screen.getByRole('list', { name: 'Hand-off list' })).getAllByRole('button')).toHaveLength(4)
  })

  it('says what counts as a hand-off when there is none', async () => {
    const empty = report()
    empty.analysis = { handoffs: [], problems: [], agents: [], delegations: [] }
    await setup(empty)
    expect(screen.getByText('No hand-offs in this conversation')).toBeTruthy()
    expect(document.body.textContent).toContain('A hand-off is an invoke_agent tool call')
  })

  it('lists a long run in pages', async () => {
    const many = report()
    many.analysis.handoffs = Array.from({ length: 450 }, (_, i) => handoff(i, 'Writer', null))
    await setup(many)
    const list = () => screen.getByRole('list', { name: 'Hand-off list' })
    expect(within(list()).getAllByRole('button')).toHaveLength(200)
    fireEvent.click(screen.getByRole('button', { name: 'Show 200 more of 250' }))
    expect(within(list()).getAllByRole('button')).toHaveLength(400)
  })
})
