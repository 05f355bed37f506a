import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { DocumentHandoffs } from '../../shared/domains/insights/model'
import type { MessageDetail } from '../../shared/model/document'
import { MESSAGE_TEXT_LIMIT } from '../../shared/model/document'
import { Message } from '../../shared/model/langswarm/message'
import { handoffConversation } from '../engine/insights/testing/testConversations'
import { createHandlers } from './handlers'
import type { Services } from './services'
import { channelCaller, createTestServices } from './testing/testServices'

const opened: Services[] = []
afterEach(async () => {
  for (const services of opened.splice(0)) {
    services.documents.dispose()
    await services.sessions.close()
  }
})

function setupWith() {
  const services = createTestServices()
  opened.push(services)
  return { services, call: channelCaller(createHandlers(services)) }
}
const setup = () => setupWith().call

const dir = mkdtempSync(join(tmpdir(), 'mi-handoffs-'))
async function open(call: ReturnType<typeof setup>, name: string, messages: unknown[]): Promise<string> {
  const path = join(dir, name)
  writeFileSync(path, JSON.stringify({ memory_type: 'conversation_history', messages }, null, 2))
  const { documents } = await call<{ documents: { id: string }[] }>('document.open', { paths: [path] })
  return documents[0].id
}

const invokeAgent = (id: string, args: string) => ({
  role: 'assistant',
  name: 'Planner',
  content: null,
  tool_calls: [{ id, type: 'function', function: { name: 'invoke_agent', arguments: args } }],
})

describe('hand-offs in a message detail', () => {
  it('shows each invocation of a parallel invoke_agent call, and MARSYS-refused calls with why', async () => {
    const call = setup()
    const id = await open(call, 'parallel.json', handoffConversation())
    const parallel = await call<MessageDetail>('document.message', { id, index: 1 })
    expect(parallel.toolCalls[0].handoffs).toEqual({
      invocations: [
        { agent: 'Researcher', request: 'Collect 2025 installation figures for Spain.' },
        { agent: 'Analyst', request: 'Compare prices with Portugal.' },
      ],
      problem: null,
    })
    const refused = await call<MessageDetail>('document.message', { id, index: 5 })
    expect(refused.toolCalls[0].handoffs).toEqual({
      invocations: [],
      problem: 'invoke_agent arguments have no "invocations" list',
    })
    // A tool result is not a hand-off.
    expect((await call<MessageDetail>('document.message', { id, index: 2 })).toolCalls).toEqual([])
  })

  it('reads bad arguments and cut requests without failing the message', async () => {
    const call = setup()
    const long = 'r'.repeat(MESSAGE_TEXT_LIMIT / 2)
    const id = await open(call, 'bad.json', [
      invokeAgent('c1', '{"invocations": [{"agent_name": "A"'),
      invokeAgent('c2', JSON.stringify({ invocations: [{ agent_name: 'W', request: long }] })),
      invokeAgent('c3', JSON.stringify({ invocations: [{ agent_name: 'W', request: long + long + long }] })),
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c4', type: 'function', function: { name: 'web_search', arguments: '{}' } }],
      },
    ])
    const detail = (index: number) => call<MessageDetail>('document.message', { id, index })
    expect((await detail(0)).toolCalls[0].handoffs).toEqual({
      invocations: [],
      problem: 'invoke_agent arguments are not JSON',
    })
    expect((await detail(1)).toolCalls[0].handoffs?.invocations[0].request).toBe(long)
    // Arguments longer than a detail carries are not parsed here; the card says where the hand-off is listed.
    expect((await detail(2)).toolCalls[0].handoffs?.problem).toMatch(/too long to read here/)
    expect((await detail(3)).toolCalls[0].handoffs).toBeUndefined()
  })

  it('shows the older agent_calls form; a bad list stays visible under other keys too', async () => {
    const call = setup()
    const id = await open(call, 'agent_calls.json', [
      { role: 'assistant', content: 'go', agent_calls: [{ agent_name: 'Helper', request: { task: 1 } }] },
      { role: 'assistant', content: 'go', agent_calls: [{ request: 'r' }] },
      { role: 'assistant', content: 'no calls' },
    ])
    const good = await call<MessageDetail>('document.message', { id, index: 0 })
    expect(good.agentCalls).toEqual({
      invocations: [{ agent: 'Helper', request: '{"task":1}' }],
      problem: null,
    })
    expect(good.otherKeys).toEqual({})
    const bad = await call<MessageDetail>('document.message', { id, index: 1 })
    expect(bad.agentCalls).toEqual({ invocations: [], problem: 'agent_calls[0] has no agent_name' })
    expect(bad.otherKeys).toEqual({ agent_calls: [{ request: 'r' }] })
    expect((await call<MessageDetail>('document.message', { id, index: 2 })).agentCalls).toBeUndefined()
  })
})

describe('insights.handoffs', () => {
  it('reports who delegated to whom, each hand-off with whether it was answered, and the problems', async () => {
    const call = setup()
    const id = await open(call, 'report.json', handoffConversation())
    const report = await call<DocumentHandoffs>('insights.handoffs', { id })
    expect(report).toMatchObject({ revision: 0, messageCount: 6 })
    expect(report.analysis.delegations.map((d) => [d.from, d.to, d.count])).toEqual([
      ['Planner', 'Researcher', 1],
      ['Planner', 'Analyst', 1],
      ['Planner', 'Writer', 1],
    ])
    expect(report.analysis.handoffs.map((h) => [h.messageIndex, h.to, h.resultIndex])).toEqual([
      [1, 'Researcher', 2],
      [1, 'Analyst', 2],
      [3, 'Writer', 4],
    ])
    expect(report.analysis.problems).toEqual([
      { messageIndex: 5, callId: 'call_h3', problem: 'invoke_agent arguments have no "invocations" list' },
    ])
  })

  it('reads a store session the same way (the agent name kept in metadata)', async () => {
    const { services, call } = setupWith()
    await call('session.create', { session_id: 'team' })
    const session = (await (await services.sessions.get()).getSession('team'))!
    await session.addMessage(new Message({ role: 'user', content: 'Write the report.' }))
    await session.addMessage(
      new Message({
        role: 'assistant',
        content: '',
        metadata: { name: 'Planner' },
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: {
              name: 'invoke_agent',
              arguments: JSON.stringify({ invocations: [{ agent_name: 'Writer', request: 'Draft it.' }] }),
            },
          },
        ],
      }),
    )
    const { id } = await call<{ id: string }>('session.open', { id: 'team' })
    const report = await call<DocumentHandoffs>('insights.handoffs', { id })
    expect(report.analysis.handoffs).toMatchObject([
      { messageIndex: 1, from: 'Planner', to: 'Writer', request: 'Draft it.', resultIndex: null },
    ])
    const detail = await call<MessageDetail>('document.message', { id, index: 1 })
    expect(detail.toolCalls[0].handoffs?.invocations).toEqual([{ agent: 'Writer', request: 'Draft it.' }])
  })

  it('reports an empty analysis for a conversation without hand-offs, and refuses an unknown document', async () => {
    const call = setup()
    const id = await open(call, 'plain.json', [{ role: 'user', content: 'hi' }])
    const report = await call<DocumentHandoffs>('insights.handoffs', { id })
    expect(report.analysis).toEqual({ handoffs: [], problems: [], agents: [], delegations: [] })
    await expect(call('insights.handoffs', { id: 'nope' })).rejects.toThrow(/NOT_FOUND/)
  })
})
