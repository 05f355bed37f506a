// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { createStores } from '../../stores/createStores'
import { StoresProvider } from '../../stores/StoresContext'
import { createFakeClient } from '../../testing/fakeClient'
import { summary } from '../../testing/samples'
import { DocumentsTable } from './DocumentsTable'

afterEach(cleanup)

function setup() {
  const stores = createStores(createFakeClient())
  stores.documents.getState().onOpened(
    summary({
      id: 'a',
      name: 'small.json',
      path: '/x/small.json',
      messageCount: 4,
      unansweredToolCalls: 1,
    }),
  )
  stores.documents
    .getState()
    .onOpened(
      summary({ id: 'b', name: 'big.json', path: '/x/big.json', messageCount: 20001, memoryType: 'kg' }),
    )
  stores.documents.getState().onOpened(
    summary({
      id: 'c',
      name: 'broken.json',
      path: '/x/broken.json',
      status: 'error',
      memoryType: null,
      messageCount: 0,
    }),
  )
  render(
    <StoresProvider stores={stores}>
      <DocumentsTable />
    </StoresProvider>,
  )
  const table = screen.getByRole('table', { name: 'Documents' })
  const names = (): string[] =>
    within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell')[0].textContent ?? '')
  return { stores, table, names }
}

describe('DocumentsTable', () => {
  it('lists the open documents with their numbers and sorts by a column', () => {
    const { table, names } = setup()
    expect(names()).toEqual(['small.json', 'big.json', 'broken.json'])
    const small = within(table).getAllByRole('row')[1]
    expect(small.textContent).toContain('1 unanswered')
    expect(within(table).getAllByRole('row')[3].textContent).toContain('cannot be parsed')
    fireEvent.click(within(table).getByRole('button', { name: 'Messages' }))
    expect(names()).toEqual(['broken.json', 'small.json', 'big.json'])
    fireEvent.click(within(table).getByRole('button', { name: 'Messages' }))
    expect(names()).toEqual(['big.json', 'small.json', 'broken.json'])
    expect(
      within(table)
        .getByRole('columnheader', { name: /Messages/ })
        .getAttribute('aria-sort'),
    ).toBe('descending')
  })

  it('filters across columns and opens a document by its name', () => {
    const { stores, names, table } = setup()
    fireEvent.change(screen.getByLabelText('Filter documents'), { target: { value: 'kg' } })
    expect(names()).toEqual(['big.json'])
    fireEvent.click(within(table).getByRole('button', { name: 'big.json' }))
    expect(stores.documents.getState().activeId).toBe('b')
  })
})
