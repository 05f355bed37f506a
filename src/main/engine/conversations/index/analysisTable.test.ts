import { describe, expect, it } from 'vitest'
import { AnalysisTable } from './analysisTable'
import { analyzeMessage, type MessageAnalysis } from './messageAnalysis'

const count = (): number => 7
const analysisOf = (message: unknown, problems: MessageAnalysis['problems'] = []): MessageAnalysis =>
  analyzeMessage(message, count, problems)

describe('AnalysisTable', () => {
  const kinds: MessageAnalysis[] = [
    analysisOf({ role: 'user', content: 'hello' }),
    analysisOf({
      role: 'assistant',
      name: 'planner',
      content: null,
      tool_calls: [{ id: 'c1', function: { name: 'f' } }],
    }),
    analysisOf({ role: 'tool', content: 'ok', tool_call_id: 'c1' }),
    analysisOf({ role: 'system', content: 'You are terse.' }),
    analysisOf({ role: 'user', content: '' }),
    analysisOf([1, 2, 3]),
    analysisOf({ content: 'no role' }, [{ severity: 'error', message: 'no role', subPath: '.role' }]),
    analysisOf({ role: 'user', content: 'x'.repeat(70 * 1024) }),
  ]

  it('gives back every analysis as it was set, field for field', () => {
    const table = new AnalysisTable()
    kinds.forEach((analysis, position) => table.set(position, analysis))
    kinds.forEach((analysis, position) => expect(table.get(position)).toEqual(analysis))
    // The rare facts really are there: a system key, a problem, a large message's row.
    expect(table.get(3)!.systemKey).not.toBeNull()
    expect(table.get(6)!.marsysUnloadable).toBe(true)
    expect(table.get(7)!.row).not.toBeNull()
  })

  it('knows nothing of a position not set, even past or between those set, and grows to any position', () => {
    const table = new AnalysisTable()
    expect(table.get(0)).toBeUndefined()
    table.set(5000, kinds[1])
    expect(table.get(5000)).toEqual(kinds[1])
    for (const position of [0, 4999, 5001, 100_000]) expect(table.get(position)).toBeUndefined()
    table.set(2, kinds[2])
    expect(table.get(2)).toEqual(kinds[2])
  })

  it('replaces an analysis, dropping rare facts the new one has not', () => {
    const table = new AnalysisTable()
    table.set(0, kinds[6])
    table.set(0, kinds[0])
    expect(table.get(0)).toEqual(kinds[0])
  })
})
