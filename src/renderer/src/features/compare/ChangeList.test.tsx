// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { CompareRow, CompareSummary } from '../../../../shared/domains/compare/model'
import { createStores } from '../../stores/createStores'
import { StoresProvider } from '../../stores/StoresContext'
import { createFakeClient, flush } from '../../testing/fakeClient'
import { ChangeList } from './ChangeList'

afterEach(cleanup)

const SUMMARY: CompareSummary = {
  compareId: 'c1',
  left: { label: 'memory.json (on disk)', count: 30 },
  right: { label: 'memory.json (edited)', count: 30 },
  rows: 32,
  changes: 12,
  added: 2,
  removed: 2,
  changed: 8,
  same: 20,
  approximate: false,
}

const changedRow = (row: number): CompareRow => ({
  row,
  kind: 'changed',
  left: { index: row, role: 'user', preview: 'Weather in Oslo' },
  right: { index: row, role: 'user', preview: 'Weather in Rome' },
  lines: [
    { left: { kind: 'same', text: '{' }, right: { kind: 'same', text: '{' } },
    {
      left: { kind: 'removed', text: '  "content": "Weather in Oslo"', marks: [[25, 29]] },
      right: { kind: 'added', text: '  "content": "Weather in Rome"', marks: [[25, 29]] },
    },
    { left: { kind: 'removed', text: '  "name": "a"' }, right: null },
    { left: { kind: 'same', text: '}' }, right: { kind: 'same', text: '}' } },
  ],
})

async function show() {
  const client = createFakeClient({
    'compare.rows': ({ offset, limit }) => ({
      total: SUMMARY.changes,
      rows: Array.from({ length: Math.min(limit, SUMMARY.changes - offset) }, (_, k) =>
        changedRow(offset + k),
      ),
    }),
  })
  render(
    <StoresProvider stores={createStores(client)}>
      <ChangeList summary={SUMMARY} />
    </StoresProvider>,
  )
  await act(() => flush())
  return client
}

describe('ChangeList', () => {
  it('sums up the differences and shows each change as a one-column diff, removed lines first', async () => {
    await show()
    const region = screen.getByRole('region', { name: 'Differences' })
    expect(region.textContent).toContain('2 added, 2 removed, 8 changed, 20 same')
    const items = within(region).getAllByRole('listitem')
    expect(items).toHaveLength(10)
    expect(within(items[0]).getByRole('heading').textContent).toBe('Message 0 (user) changed')
    const lines = [...items[0].querySelectorAll('.diff-line')].map((line) => line.className.split(' ')[1])
    expect(lines).toEqual(['diff-same', 'diff-removed', 'diff-removed', 'diff-added', 'diff-same'])
    expect([...items[0].querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['Oslo', 'Rome'])
  })

  it('pages the changes', async () => {
    const client = await show()
    expect(screen.getByText('Changes 1–10 of 12')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'More changes' }))
    await act(() => flush())
    expect(client.calls.filter((call) => call.channel === 'compare.rows').at(-1)?.input).toMatchObject({
      offset: 10,
      changesOnly: true,
    })
    expect(screen.getAllByRole('listitem')).toHaveLength(2)
    expect((screen.getByRole('button', { name: 'More changes' }) as HTMLButtonElement).disabled).toBe(true)
  })
})
