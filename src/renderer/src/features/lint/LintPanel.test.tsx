// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { createStores } from '../../stores/createStores'
import { StoresProvider } from '../../stores/StoresContext'
import { createFakeClient, flush } from '../../testing/fakeClient'
import { summary } from '../../testing/samples'
import { LintPanel } from './LintPanel'

afterEach(cleanup)

describe('LintPanel', () => {
  it('lists issues with severity, counts them, jumps on click and re-lints after a change', async () => {
    let round = 0
    const client = createFakeClient({
      'document.lint': () => {
        round++
        return [
          {
            kind: 'file',
            severity: 'error',
            message: 'messages is not a list',
            messageIndex: null,
            path: '$.messages',
          },
          {
            kind: 'orphan-tool-result',
            severity: 'warning',
            message: `Tool result #7 answers no earlier tool call (${round})`,
            messageIndex: 7,
            path: '$.messages[7]',
          },
          {
            kind: 'empty',
            severity: 'info',
            message: 'Message #6 is empty',
            messageIndex: 6,
            path: '$.messages[6]',
          },
        ]
      },
      'document.summary': () => summary(),
    })
    const stores = createStores(client)
    stores.documents.getState().onOpened(summary())
    render(
      <StoresProvider stores={stores}>
        <LintPanel docId="d1" />
      </StoresProvider>,
    )
    await act(() => flush())
    expect(screen.getByRole('status').textContent).toBe('1 error, 1 warning, 1 info')
    const problems = screen.getByRole('list', { name: 'Problems' })
    expect(within(problems).getAllByRole('listitem')).toHaveLength(3)
    // File-level problems have no message to jump to.
    expect(within(problems).getAllByRole('button')).toHaveLength(2)
    fireEvent.click(within(problems).getByRole('button', { name: /Tool result #7/ }))
    expect(stores.view.getState().jump).toMatchObject({ docId: 'd1', index: 7 })

    act(() => stores.documents.getState().onChanged({ id: 'd1', revision: 1, reason: 'reload' }))
    await act(() => flush())
    expect(problems.textContent).toContain('(2)')
  })
})
