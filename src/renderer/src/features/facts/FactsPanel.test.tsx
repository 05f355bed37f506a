// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { createStores } from '../../stores/createStores'
import { StoresProvider } from '../../stores/StoresContext'
import { createFakeClient, flush } from '../../testing/fakeClient'
import { FactsPanel } from './FactsPanel'

afterEach(cleanup)

describe('FactsPanel', () => {
  it('is a table of role, subject, predicate, object and ambiguity that jumps to the message', async () => {
    const client = createFakeClient({
      'document.facts': () => [
        {
          index: 1,
          role: 'user',
          subject: 'Paris',
          predicate: 'is_capital_of',
          object: 'France',
          ambiguous: false,
          text: 'Fact (user): Paris is_capital_of France.',
        },
        {
          index: 3,
          role: 'tool',
          subject: 'Eiffel',
          predicate: 'Tower',
          object: 'height_m 330',
          ambiguous: true,
          text: 'Fact (tool): Eiffel Tower height_m 330.',
        },
      ],
    })
    const stores = createStores(client)
    render(
      <StoresProvider stores={stores}>
        <FactsPanel docId="d1" />
      </StoresProvider>,
    )
    await act(() => flush())
    const table = screen.getByRole('table', { name: 'Facts' })
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['#', 'Role', 'Subject', 'Predicate', 'Object', 'Ambiguous'])
    const rows = within(table).getAllByRole('row')
    expect(rows).toHaveLength(3)
    expect(
      within(rows[1])
        .getAllByRole('cell')
        .map((td) => td.textContent),
    ).toEqual(['1', 'user', 'Paris', 'is_capital_of', 'France', ''])
    expect(rows[2].textContent).toContain('ambiguous')
    fireEvent.click(within(rows[2]).getByRole('button', { name: 'Go to message 3' }))
    expect(stores.view.getState().jump).toMatchObject({ docId: 'd1', index: 3 })
  })
})
