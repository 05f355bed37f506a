// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { createStores } from '../../stores/createStores'
import { StoresProvider } from '../../stores/StoresContext'
import { createFakeClient } from '../../testing/fakeClient'
import { summary } from '../../testing/samples'
import { LintButton } from './LintButton'

afterEach(cleanup)

function renderWith(lint: { error: number; warning: number; info: number }) {
  const stores = createStores(createFakeClient({}))
  // The codec's own counts and the pairing counts must not leak into the button: only `lint` is the panel's.
  stores.documents
    .getState()
    .onOpened(summary({ lint, errorCount: 3, warningCount: 9, orphanToolResults: 4, unansweredToolCalls: 2 }))
  render(
    <StoresProvider stores={stores}>
      <LintButton docId="d1" />
    </StoresProvider>,
  )
}

describe('LintButton', () => {
  it('shows errors and warnings as one badge and info apart, named as the panel heads its list', () => {
    renderWith({ error: 0, warning: 7, info: 1 })
    const button = screen.getByRole('button', { name: 'Lint (7 warnings, 1 info)' })
    expect(screen.getByTestId('lint-problems').textContent).toBe('7')
    expect(screen.getByTestId('lint-info').textContent).toBe('ℹ 1')
    expect(button.getAttribute('title')).toBe('7 warnings, 1 info')
  })

  it('shows no badge when there is nothing', () => {
    renderWith({ error: 0, warning: 0, info: 0 })
    expect(screen.getByRole('button', { name: 'Lint (No problems found.)' }).textContent).toContain('Lint')
  })
})
