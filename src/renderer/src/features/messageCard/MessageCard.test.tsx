// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { MessageDetail } from '../../../../shared/model/document'
import { compileHighlight } from '../../lib/highlight'
import { createStores } from '../../stores/createStores'
import { createFakeClient, flush } from '../../testing/fakeClient'
import { renderMessageCard } from '../../testing/renderMessageCard'
import { detail } from '../../testing/samples'
import type { MessageCardProps } from './MessageCard'

afterEach(cleanup)

async function show(
  message: MessageDetail,
  props: Partial<MessageCardProps> = {},
  extra: Record<number, MessageDetail> = {},
) {
  const client = createFakeClient({
    'document.message': ({ index }) => (index === message.index ? message : (extra[index] ?? detail(index))),
    'document.image': ({ partIndex }) => ({
      dataUrl: `data:image/png;base64,AAA${partIndex}`,
      mime: 'image/png',
      bytes: 70,
    }),
  })
  const stores = createStores(client)
  const handlers = await renderMessageCard(stores, { index: message.index, ...props })
  return { client, handlers, card: screen.getByRole('article') }
}

describe('MessageCard', () => {
  it('is an article named by index, role and name, showing plain text exactly', async () => {
    const { card } = await show(
      detail(4, {
        role: 'assistant',
        name: 'gpt-4o',
        parts: [{ kind: 'text', text: '  two  spaces\nand **stars**', partIndex: null }],
      }),
    )
    expect(card.getAttribute('aria-label')).toBe('Message 4, assistant, gpt-4o')
    expect(card.querySelector('.text-raw')?.textContent).toBe('  two  spaces\nand **stars**')
    expect(card.querySelector('strong')).toBeNull()
  })

  it('renders Markdown as elements when asked', async () => {
    const { card } = await show(
      detail(1, { parts: [{ kind: 'text', text: 'and **stars**', partIndex: null }] }),
      { markdown: true },
    )
    await waitFor(() => expect(card.querySelector('strong')?.textContent).toBe('stars'))
  })

  it('pretty-prints a dict saved as a JSON string, with a raw toggle', async () => {
    const text = '{"temp_c":15,"sky":"rain"}'
    const { card } = await show(
      detail(4, {
        role: 'tool',
        contentShape: 'json-string',
        parts: [{ kind: 'text', text, partIndex: null }],
        parsedContent: { temp_c: 15, sky: 'rain' },
      }),
    )
    expect(card.querySelector('.json-block')?.textContent).toBe('{\n  "temp_c": 15,\n  "sky": "rain"\n}')
    fireEvent.click(within(card).getByRole('button', { name: 'Raw' }))
    expect(card.querySelector('.text-raw')?.textContent).toBe(text)
  })

  it('shows typed arrays part by part and loads images only when shown', async () => {
    const { card, client } = await show(
      detail(2, {
        contentShape: 'array',
        parts: [
          { kind: 'text', text: 'Compare these', partIndex: 0 },
          { kind: 'image', partIndex: 1, mime: 'image/gif', bytes: 35, isDataUrl: true },
          { kind: 'json', value: { type: 'x' }, partIndex: 2 },
        ],
      }),
    )
    const parts = within(card).getByRole('list', { name: 'Content parts' })
    expect(within(parts).getAllByRole('listitem')).toHaveLength(3)
    expect(parts.textContent).toContain('content[1]')
    expect(card.textContent).toContain('gif · 35 B')
    // happy-dom has IntersectionObserver but never reports visibility here: no image is fetched up front.
    expect(client.callsTo('document.image')).toHaveLength(typeof IntersectionObserver === 'undefined' ? 1 : 0)
  })

  it('pairs tool calls with their results and flags unanswered calls', async () => {
    const { card, handlers } = await show(
      detail(2, {
        role: 'assistant',
        contentShape: 'null',
        parts: [],
        toolCalls: [
          {
            id: 'call_a',
            type: 'function',
            name: 'get_weather',
            arguments: '{"city": "Paris"}',
            parsedArguments: { city: 'Paris' },
            resultIndex: 3,
          },
          { id: 'call_b', type: 'function', name: 'lost', arguments: 'not json', resultIndex: null },
          {
            id: 'call_c',
            type: 'function',
            name: 'invoke_agent',
            arguments: '{"invocations":[{"agent_name":"Researcher","request":"Find X."}]}',
            parsedArguments: { invocations: [{ agent_name: 'Researcher', request: 'Find X.' }] },
            resultIndex: 9,
            handoffs: { invocations: [{ agent: 'Researcher', request: 'Find X.' }], problem: null },
          },
        ],
      }),
      {},
      { 3: detail(3, { role: 'tool', parts: [{ kind: 'text', text: '18 degrees', partIndex: null }] }) },
    )
    expect(card.textContent).toContain('content: null')
    const weather = within(card).getByRole('listitem', { name: 'Tool call get_weather' })
    expect(weather.querySelector('.tool-args')?.textContent).toBe('{\n  "city": "Paris"\n}')
    fireEvent.click(within(weather).getByRole('button', { name: '→ result #3' }))
    expect(handlers.onJump).toHaveBeenCalledWith(3)
    expect(handlers.onSelect).not.toHaveBeenCalled()
    const lost = within(card).getByRole('listitem', { name: 'Tool call lost' })
    expect(lost.textContent).toContain('unanswered call')
    expect(lost.textContent).toContain('not valid JSON')
    const handoff = within(card).getByRole('listitem', { name: 'Hand-off to Researcher' })
    expect(handoff.textContent).toBe('→ ResearcherFind X.')
    // The result shows inline once opened.
    const inline = weather.querySelector('details') as HTMLDetailsElement
    inline.open = true
    fireEvent(inline, new Event('toggle'))
    await act(() => flush())
    expect(weather.textContent).toContain('18 degrees')
  })

  it('links a tool result back to its call, and flags orphans', async () => {
    const paired = await show(detail(3, { role: 'tool', toolCallId: 'call_a', answersIndex: 2 }))
    fireEvent.click(within(paired.card).getByRole('button', { name: '← call in #2' }))
    expect(paired.handlers.onJump).toHaveBeenCalledWith(2)
    cleanup()
    const orphan = await show(
      detail(5, { role: 'tool', toolCallId: 'call_zz', answersIndex: null, flags: ['orphan-tool-result'] }),
    )
    expect(orphan.card.textContent).toContain('no earlier tool call has id call_zz')
  })

  it('keeps reasoning collapsed and shows the exact raw JSON with a copy button when expanded', async () => {
    const raw = '{\n      "role": "assistant",\n      "content": "x"\n    }'
    const { card } = await show(
      detail(1, { role: 'assistant', raw, reasoningDetails: [{ type: 'reasoning.text', text: 'thinking' }] }),
      { expanded: true },
    )
    const reasoning = card.querySelector('details.reasoning') as HTMLDetailsElement
    expect(reasoning.open).toBe(false)
    const rawSection = within(card).getByRole('region', { name: 'Raw JSON of message 1' })
    expect(rawSection.querySelector('pre')?.textContent).toBe(raw)
    expect(within(rawSection).getByRole('button', { name: 'Copy raw JSON' })).toBeTruthy()
  })

  it('shows the start of a text main cut, fetches more on demand and copies all of it', async () => {
    const full = `${'a'.repeat(50)}${'b'.repeat(50)}`
    const requests: { target: unknown; offset: number; length: number }[] = []
    const client = createFakeClient({
      'document.message': () =>
        detail(1, { parts: [{ kind: 'text', text: full.slice(0, 10), partIndex: null, totalLength: 100 }] }),
      'document.messageText': ({ target, offset, length }) => {
        requests.push({ target, offset, length })
        return { text: full.slice(offset, offset + length), offset, totalLength: 100 }
      },
    })
    await renderMessageCard(createStores(client), { index: 1 })
    const card = screen.getByRole('article')
    expect(card.querySelector('.text-raw')?.textContent).toContain(`${'a'.repeat(10)}… 90 more characters`)
    fireEvent.click(within(card).getByRole('button', { name: 'Show more' }))
    await waitFor(() => expect(within(card).queryByRole('button', { name: 'Show more' })).toBeNull())
    expect(card.querySelector('.text-raw')?.textContent).toBe(full)
    expect(requests).toEqual([{ target: { kind: 'part', partIndex: null }, offset: 10, length: 90 }])
  })

  it('marks search matches in the text', async () => {
    const { card } = await show(
      detail(1, { parts: [{ kind: 'text', text: 'Weather in Paris', partIndex: null }] }),
      { pattern: compileHighlight({ text: 'paris' }) },
    )
    expect([...card.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['Paris'])
  })

  it('shows a failed load as a readable error', async () => {
    const client = createFakeClient({
      'document.message': () => {
        throw new Error('No open document with id d1')
      },
    })
    await renderMessageCard(createStores(client), { index: 0 })
    expect(screen.getByRole('alert').textContent).toContain('No open document with id d1')
  })
})
