// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import type { ToolCallDraft } from './messageDraft'
import { ToolCallsEditor } from './ToolCallsEditor'

afterEach(cleanup)

const CALLS: ToolCallDraft[] = [
  { key: 'a', callIndex: 0, id: 'call_a', name: 'get_weather', arguments: '{"city": "Paris"}' },
  { key: 'b', callIndex: 1, id: 'call_b', name: 'lookup', arguments: '' },
]

function Harness({ onCalls }: { onCalls(calls: ToolCallDraft[]): void }) {
  const [calls, setCalls] = useState(CALLS)
  return (
    <ToolCallsEditor
      calls={calls}
      onChange={(next) => {
        setCalls(next)
        onCalls(next)
      }}
    />
  )
}

function setup() {
  let latest = CALLS
  render(<Harness onCalls={(calls) => (latest = calls)} />)
  return { latest: () => latest }
}

describe('ToolCallsEditor', () => {
  it('warns while arguments are not valid JSON, and keeps them as the string typed', () => {
    const { latest } = setup()
    const first = screen.getByRole('group', { name: 'Tool call 1' })
    expect(first.textContent).not.toContain('not valid JSON')
    fireEvent.change(within(first).getByLabelText('Arguments'), { target: { value: '{"city": Paris}' } })
    expect(within(first).getByRole('status').textContent).toContain(
      'Arguments are not valid JSON (Line 1, column 10',
    )
    expect(latest()[0].arguments).toBe('{"city": Paris}')
    fireEvent.change(within(first).getByLabelText('Arguments'), { target: { value: '{"city": "Lyon"}' } })
    expect(within(first).queryByRole('status')).toBeNull()
    // Empty arguments are not flagged: some tools take none.
    expect(within(screen.getByRole('group', { name: 'Tool call 2' })).queryByRole('status')).toBeNull()
  })

  it('edits id and name, removes a call and adds a new one with a fresh id', () => {
    const { latest } = setup()
    const second = screen.getByRole('group', { name: 'Tool call 2' })
    fireEvent.change(within(second).getByLabelText('Function name'), { target: { value: 'search' } })
    fireEvent.change(within(second).getByLabelText('Tool call id'), { target: { value: 'call_z' } })
    expect(latest()[1]).toMatchObject({ callIndex: 1, id: 'call_z', name: 'search' })

    fireEvent.click(screen.getByRole('button', { name: 'Remove tool call 1' }))
    expect(latest().map((call) => call.id)).toEqual(['call_z'])
    fireEvent.click(screen.getByRole('button', { name: 'Add tool call' }))
    const added = latest()[1]
    expect(added).toMatchObject({ callIndex: null, name: '', arguments: '{}' })
    expect(added.id).toMatch(/^call_[0-9a-f]{12}$/)
    expect(screen.getAllByRole('group')).toHaveLength(2)
  })
})
