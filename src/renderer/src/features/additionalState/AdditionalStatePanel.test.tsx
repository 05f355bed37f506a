// @vitest-environment happy-dom
import { act, cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { AdditionalStateView } from '../../../../shared/model/document'
import { createStores } from '../../stores/createStores'
import { StoresProvider } from '../../stores/StoresContext'
import { createFakeClient, flush } from '../../testing/fakeClient'
import { AdditionalStatePanel } from './AdditionalStatePanel'

afterEach(cleanup)

async function show(view: AdditionalStateView) {
  const stores = createStores(createFakeClient({ 'document.additionalState': () => view }))
  render(
    <StoresProvider stores={stores}>
      <AdditionalStatePanel docId="d1" />
    </StoresProvider>,
  )
  await act(() => flush())
}

describe('AdditionalStatePanel', () => {
  it('shows the plan as a checklist with statuses, and the whole value as a tree', async () => {
    const value = { planning: { plan: { goal: 'Migrate the database' } }, tools_version: 3 }
    await show({
      present: true,
      value,
      raw: JSON.stringify(value, null, 2),
      plan: {
        goal: 'Migrate the database',
        items: [
          { id: 'a', title: 'Back up', status: 'completed', content: 'Take a full backup' },
          { id: 'b', title: 'Migrate', status: 'in_progress' },
          { id: 'c', title: 'Verify', status: 'pending' },
        ],
      },
    })
    const plan = screen.getByRole('region', { name: 'Plan' })
    expect(plan.textContent).toContain('Goal: Migrate the database')
    const items = within(plan).getByRole('list', { name: 'Plan items' })
    expect(within(items).getByRole('listitem', { name: 'Back up: completed' }).textContent).toContain('✓')
    expect(within(items).getByRole('listitem', { name: 'Migrate: in progress' }).textContent).toContain('◐')
    expect(within(items).getByRole('listitem', { name: 'Verify: pending' }).textContent).toContain('○')
    expect(screen.getByRole('group', { name: 'additional_state' }).textContent).toContain('tools_version')
  })

  it('says when there is no additional_state', async () => {
    await show({ present: false, value: null, raw: null, plan: null })
    expect(document.body.textContent).toContain('This file has no additional_state.')
  })
})
