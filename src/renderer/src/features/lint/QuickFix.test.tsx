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

const plainIssues = [
  issue('unanswered-tool-call', 2, 'Message #2 makes a tool call that no later tool message answers'),
  issue('orphan-tool-result', 3, 'Tool result #3 answers no earlier tool call'),
  issue('duplicate-system', 6, 'System message #6 repeats an earlier one'),
  issue('same-role-as-previous', 8, 'Message #8 is a second user turn in a row'),
]

/** What main says of a file MARSYS resaved without tool_call_ids: two results that can be linked to #2's calls. */
const links = [
  { resultIndex: 3, callIndex: 2, callId: 'call_a' },
  { resultIndex: 4, callIndex: 2, callId: 'call_b' },
]
const resavedIssues: LintIssue[] = [
  { ...issue('unanswered-tool-call', 2, 'Message #2 makes a tool call…'), links },
  { ...issue('orphan-tool-result', 3, 'Tool result #3 answers no earlier tool call'), links: [links[0]] },
  { ...issue('orphan-tool-result', 4, 'Tool result #4 answers no earlier tool call'), links: [links[1]] },
]

const fixButtons = (problems: HTMLElement): string[] =>
  within(problems)
    .getAllByRole('button')
    .filter((button) => button.classList.contains('quick-fix'))
    .map((button) => `${button.getAttribute('aria-label')}: ${button.textContent}`)

async function setup(lint: LintIssue[] = plainIssues) {
  const client = createFakeClient({
    'document.lint': () => lint,
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
    expect(fixButtons(problems)).toEqual([
      'Add placeholder result for #2: Add placeholder result',
      'Delete tool result #3 and its content: Delete result',
      'Remove duplicate system prompt #6: Remove duplicate',
    ])
  })

  it('offers linking results to their calls first, and deleting a result last', async () => {
    const { problems } = await setup(resavedIssues)
    expect(fixButtons(problems)).toEqual([
      'Link results #3, #4 to the calls of #2: Link results #3, #4',
      'Add placeholder result for #2: Add placeholder result',
      'Link tool result #3 to call call_a in #2: Link to call in #2',
      'Delete tool result #3 and its content: Delete result',
      'Link tool result #4 to call call_b in #2: Link to call in #2',
      'Delete tool result #4 and its content: Delete result',
    ])
  })

  it('links one result, or all of them in one edit', async () => {
    const { client } = await setup(resavedIssues)
    const panel = screen.getByRole('list', { name: 'Problems' })
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: 'Link tool result #4 to call call_b in #2' }))
      await flush()
    })
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Link all 2 tool results to their calls' }))
      await flush()
    })
    expect(client.callsTo('document.edit')).toEqual([
      { id: 'd1', revision: 4, commands: [{ op: 'linkToolResults', indices: [4] }] },
      { id: 'd1', revision: 5, commands: [{ op: 'linkToolResults' }] },
    ])
  })

  it('sends the fix as one edit and shows the message it concerns', async () => {
    const { client, stores, problems } = await setup()
    await act(async () => {
      fireEvent.click(within(problems).getByRole('button', { name: 'Add placeholder result for #2' }))
      await flush()
    })
    await act(async () => {
      fireEvent.click(within(problems).getByRole('button', { name: 'Remove duplicate system prompt #6' }))
      await flush()
    })
    expect(client.callsTo('document.edit')).toEqual([
      { id: 'd1', revision: 4, commands: [{ op: 'addPlaceholderResults', index: 2 }] },
      { id: 'd1', revision: 5, commands: [{ op: 'delete', indices: [6] }] },
    ])
    expect(stores.view.getState().jump).toMatchObject({ docId: 'd1', index: 6 })
  })
})
