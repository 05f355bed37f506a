import { act, render } from '@testing-library/react'
import { vi } from 'vitest'
import { MessageCard, type MessageCardProps } from '../features/messageCard/MessageCard'
import type { Stores } from '../stores/createStores'
import { StoresProvider } from '../stores/StoresContext'
import { flush } from './fakeClient'
import { idAt } from './samples'

/**
 * Renders one MessageCard of document "d1" (not selected, collapsed, plain text, no pattern, mock handlers unless
 * `props` says otherwise) and lets its loads settle. Returns the mock handlers.
 */
export async function renderMessageCard(
  stores: Stores,
  props: Pick<MessageCardProps, 'index'> & Partial<MessageCardProps>,
) {
  const handlers = { onSelect: vi.fn(), onToggleExpanded: vi.fn(), onJump: vi.fn() }
  render(
    <StoresProvider stores={stores}>
      <MessageCard
        docId="d1"
        selected={false}
        expanded={false}
        markdown={false}
        pattern={null}
        messageId={idAt(props.index)}
        {...handlers}
        {...props}
      />
    </StoresProvider>,
  )
  await act(() => flush())
  return handlers
}
