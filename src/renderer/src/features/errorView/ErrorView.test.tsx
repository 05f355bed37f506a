// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { createStores } from '../../stores/createStores'
import { StoresProvider } from '../../stores/StoresContext'
import { createFakeClient, flush } from '../../testing/fakeClient'
import { caretLine, ErrorView } from './ErrorView'

afterEach(cleanup)

describe('ErrorView', () => {
  it('puts the caret under the column, keeping tabs', () => {
    expect(caretLine('  "when": ', 11)).toBe('          ^')
    expect(caretLine('\t\tx', 3)).toBe('\t\t^')
  })

  it('shows path, message, line and column, the marked line and MARSYS’s verdict', async () => {
    const client = createFakeClient({
      'document.error': () => ({
        id: 'd1',
        path: '/data/truncated.json',
        message: 'Expecting value',
        line: 17,
        column: 19,
        expected: 'a JSON value',
        context: [
          { line: 16, text: '          "type": "x",' },
          { line: 17, text: '          "when": ' },
        ],
        marsysVerdict: 'MARSYS cannot load this file.',
      }),
    })
    const stores = createStores(client)
    render(
      <StoresProvider stores={stores}>
        <ErrorView docId="d1" />
      </StoresProvider>,
    )
    await act(() => flush())
    const view = screen.getByRole('region', { name: 'File error' })
    expect(view.textContent).toContain('/data/truncated.json')
    expect(view.textContent).toContain('Expecting value')
    expect(view.querySelector('.error-position')?.textContent).toBe('line 17, column 19')
    expect(view.textContent).toContain('MARSYS cannot load this file.')
    const source = within(view).getByRole('group', { name: 'Source around line 17' })
    const marked = source.querySelector('[aria-current="true"]')
    expect(marked?.textContent).toContain('"when":')
    expect(source.querySelector('.caret-line code')?.textContent).toBe(`${' '.repeat(18)}^`)
  })

  it('says so when the error details cannot be fetched', async () => {
    const client = createFakeClient({
      'document.error': () => {
        throw new Error('No open document with id d1')
      },
    })
    render(
      <StoresProvider stores={createStores(client)}>
        <ErrorView docId="d1" />
      </StoresProvider>,
    )
    await act(() => flush())
    expect(screen.getByRole('alert').textContent).toContain('No open document with id d1')
  })
})
