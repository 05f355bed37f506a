// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { LintIssue } from '../../../../shared/model/document'
import type { EditResult } from '../../../../shared/model/edit'
import { createStores } from '../../stores/createStores'
import { StoresProvider } from '../../stores/StoresContext'
import { createFakeClient, flush } from '../../testing/fakeClient'
import { summary } from '../../testing/samples'
import { LintPanel } from './LintPanel'

afterEach(cleanup)

const issue = (kind: LintIssue['kind'], messageIndex: number, message: string): LintIssue => ({
  kind,
  severity: 'warning',
  message,
  messageIndex,
  path: `$.messages[${messageIndex}]`,
})

const state = (revision: number): EditResult => ({
  insertedIds: [],
  id: 'd1',
  revision,
  dirty: true,
  canUndo: true,
  canRedo: false,
  undoLabel: null,
  redoLabel: null,
  disk: 'same',
  path: '/data/16.json',
})

async function setup() {
  const client = createFakeClient({
    'document.lint': () => [
      issue('unanswered-tool-call', 2, 'Message #2 makes a tool call that no later tool message answers'),
      issue('orphan-tool-result', 3, 'Tool result #3 answers no earlier tool call'),
      issue('duplicate-system', 6, 'System message #6 repeats an earlier one'),
      issue('same-role-as-previous', 8, 'Message #8 is a second user turn in a row'),
    ],
    'document.state': () => state(4),
    'document.edit': () => state(5),
  })
  const stores = createStores(client)
  stores.documents.getState().onOpened(summary({ messageCount: 11 }))
  await stores.edit.getState().ensure('d1')
  render(
    <StoresProvider stores={stores}>
      <LintPanel docId="d1" />
    </StoresProvider>,
  )
  await act(() => flush())
  return { client, stores, problems: screen.getByRole('list', { name: 'Problems' }) }
}

describe('lint quick fixes', () => {
  it('offers Remove for orphan results and repeated system messages, placeholders for unanswered calls', async () => {
    const { problems } = await setup()
    const fixes = within(problems)
      .getAllByRole('button')
      .filter((button) => button.classList.contains('quick-fix'))
      .map((button) => `${button.getAttribute('aria-label')}: ${button.textContent}`)
    expect(fixes).toEqual([
      'Add placeholder result for #2: Add placeholder result',
      'Remove message #3: Remove',
      'Remove message #6: Remove',
    ])
  })

  it('sends the fix as one edit and shows the message it concerns', async () => {
    const { client, stores, problems } = await setup()
    await act(async () => {
      fireEvent.click(within(problems).getByRole('button', { name: 'Add placeholder result for #2' }))
      await flush()
    })
    await act(async () => {
      fireEvent.click(within(problems).getByRole('button', { name: 'Remove message #6' }))
      await flush()
    })
    expect(client.callsTo('document.edit')).toEqual([
      { id: 'd1', revision: 4, commands: [{ op: 'addPlaceholderResults', index: 2 }] },
      { id: 'd1', revision: 5, commands: [{ op: 'delete', indices: [6] }] },
    ])
    expect(stores.view.getState().jump).toMatchObject({ docId: 'd1', index: 6 })
  })
})
