import { describe, expect, it } from 'vitest'
import { handoffsOfToolCall, parseAgentCalls, parseInvokeAgentArguments } from './handoffCalls'

const args = (value: unknown): string => JSON.stringify(value)

describe('parseInvokeAgentArguments', () => {
  it('reads the invocations MARSYS writes, one (sequential) or several (parallel)', () => {
    expect(
      parseInvokeAgentArguments(args({ invocations: [{ agent_name: 'Researcher', request: 'Find X.' }] })),
    ).toEqual({ invocations: [{ agent: 'Researcher', request: 'Find X.' }], problem: null })
    expect(
      parseInvokeAgentArguments(
        args({
          invocations: [
            { agent_name: 'Researcher', request: 'Find X.' },
            { agent_name: 'Analyst', request: 'Compare Y.' },
          ],
        }),
      ).invocations.map((invocation) => invocation.agent),
    ).toEqual(['Researcher', 'Analyst'])
  })

  it('shows a non-string request as compact JSON, and a missing or null one as empty', () => {
    expect(
      parseInvokeAgentArguments(
        args({
          invocations: [
            { agent_name: 'A', request: { task: 1, items: ['x'] } },
            { agent_name: 'B' },
            { agent_name: 'C', request: null },
            { agent_name: 'D', request: 7 },
          ],
        }),
      ).invocations.map((invocation) => invocation.request),
    ).toEqual(['{"task":1,"items":["x"]}', '', '', '7'])
  })

  it('says why a call MARSYS would refuse hands nothing off', () => {
    expect(parseInvokeAgentArguments('{"invocations": [')).toEqual({
      invocations: [],
      problem: 'invoke_agent arguments are not JSON',
    })
    for (const bad of [[], 'x', {}, { invocations: [] }, { invocations: 'A' }, { agent_name: 'A' }]) {
      expect(parseInvokeAgentArguments(args(bad))).toEqual({
        invocations: [],
        problem: 'invoke_agent arguments have no "invocations" list',
      })
    }
  })

  it('names the invocation that is not an object or has no agent_name, and keeps the readable ones', () => {
    expect(
      parseInvokeAgentArguments(args({ invocations: [{ agent_name: 'A', request: 'r' }, 'B', null] })),
    ).toEqual({ invocations: [{ agent: 'A', request: 'r' }], problem: 'invocations[1] is not an object' })
    for (const agentName of [undefined, '', 5, null]) {
      expect(
        parseInvokeAgentArguments(args({ invocations: [{ request: 'r', agent_name: agentName }] })).problem,
      ).toBe('invocations[0] has no agent_name')
    }
  })
})

describe('handoffsOfToolCall', () => {
  it('reads invoke_agent calls only', () => {
    const invocation = args({ invocations: [{ agent_name: 'A', request: 'r' }] })
    expect(handoffsOfToolCall('web_search', invocation)).toBeNull()
    expect(handoffsOfToolCall('invoke_agent', invocation)?.invocations).toEqual([
      { agent: 'A', request: 'r' },
    ])
  })
})

describe('parseAgentCalls', () => {
  it('reads the older agent_calls list; none when the field is absent or null', () => {
    expect(parseAgentCalls(undefined)).toBeNull()
    expect(parseAgentCalls(null)).toBeNull()
    expect(parseAgentCalls([{ agent_name: 'Helper', request: { task: 1 } }])).toEqual({
      invocations: [{ agent: 'Helper', request: '{"task":1}' }],
      problem: null,
    })
    expect(parseAgentCalls([])).toEqual({ invocations: [], problem: null })
  })

  it('names what is wrong in a bad list', () => {
    expect(parseAgentCalls('x')).toEqual({ invocations: [], problem: 'agent_calls is not a list' })
    expect(parseAgentCalls([1])?.problem).toBe('agent_calls[0] is not an object')
    expect(parseAgentCalls([{ agent_name: 'A' }, { request: 'r' }])).toEqual({
      invocations: [{ agent: 'A', request: '' }],
      problem: 'agent_calls[1] has no agent_name',
    })
  })
})
