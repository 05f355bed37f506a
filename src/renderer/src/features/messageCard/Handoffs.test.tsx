// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { MessageDetail, ToolCallView } from '../../../../shared/model/document'
import { compileHighlight } from '../../lib/highlight'
import { createStores } from '../../stores/createStores'
import { createFakeClient } from '../../testing/fakeClient'
import { renderMessageCard } from '../../testing/renderMessageCard'
import { detail } from '../../testing/samples'

afterEach(cleanup)

async function show(message: MessageDetail) {
  const client = createFakeClient({
    'document.message': ({ index }) => (index === message.index ? message : detail(index)),
  })
  const stores = createStores(client)
  await renderMessageCard(stores, { index: message.index, pattern: compileHighlight({ text: 'budget' }) })
  return screen.getByRole('article')
}

const invokeAgent = (handoffs: ToolCallView['handoffs']): ToolCallView => ({
  id: 'call_h1',
  type: 'function',
  name: 'invoke_agent',
  arguments: '{}',
  parsedArguments: {},
  resultIndex: 2,
  handoffs,
})

describe('hand-offs on a message card', () => {
  it('shows each invocation of a parallel invoke_agent call with its request', async () => {
    const card = await show(
      detail(1, {
        role: 'assistant',
        name: 'Planner',
        contentShape: 'null',
        parts: [],
        toolCalls: [
          invokeAgent({
            invocations: [
              { agent: 'Researcher', request: 'Collect the 2025 figures.' },
              { agent: 'Analyst', request: 'Compare the budget with Portugal.' },
            ],
            problem: null,
          }),
        ],
      }),
    )
    const group = within(card).getByRole('group', { name: 'Hand-offs' })
    expect(group.textContent).toContain('Hands off to 2 agents in parallel')
    expect(within(group).getByRole('listitem', { name: 'Hand-off to Researcher' }).textContent).toBe(
      '→ ResearcherCollect the 2025 figures.',
    )
    const analyst = within(group).getByRole('listitem', { name: 'Hand-off to Analyst' })
    expect(analyst.querySelector('mark')?.textContent).toBe('budget')
  })

  it('says why MARSYS would refuse a call, and how much of a long request is shown', async () => {
    const card = await show(
      detail(1, {
        role: 'assistant',
        toolCalls: [
          invokeAgent({
            invocations: [{ agent: 'Writer', request: 'x'.repeat(10), requestLength: 70_000 }],
            problem: 'invocations[1] has no agent_name',
          }),
        ],
      }),
    )
    const group = within(card).getByRole('group', { name: 'Hand-offs' })
    expect(group.textContent).toContain('not a hand-off MARSYS accepts invocations[1] has no agent_name')
    expect(group.textContent).toContain('(first 10 of 70,000 characters)')
  })

  it('shows the older agent_calls form', async () => {
    const card = await show(
      detail(0, {
        role: 'assistant',
        agentCalls: { invocations: [{ agent: 'Helper', request: '' }], problem: null },
      }),
    )
    const group = within(card).getByRole('group', { name: 'Agent calls' })
    expect(within(group).getByRole('listitem', { name: 'Hand-off to Helper' }).textContent).toBe(
      '→ Helper(no request)',
    )
    expect(within(card).queryByRole('group', { name: 'Hand-offs' })).toBeNull()
  })
})
