// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { DocumentGraph, EntityView } from '../../../../shared/domains/insights/model'
import { ApiError } from '../../api/apiError'
import { createStores } from '../../stores/createStores'
import { StoresProvider } from '../../stores/StoresContext'
import { createFakeClient, flush } from '../../testing/fakeClient'
import { summary } from '../../testing/samples'
import { GraphView } from './GraphView'

afterEach(cleanup)

const entity = (kind: string, text: string, messageIndices: number[], source: EntityView['source']) => ({
  kind,
  text,
  key: text.toLowerCase(),
  occurrences: messageIndices.length,
  messageIndices,
  source,
})

function graph(llm: boolean): DocumentGraph {
  return {
    conversationId: 'd1',
    revision: 0,
    facts: 0,
    entities: {
      people: [
        entity('person', 'Ada Lovelace', [0], 'nlp'),
        ...(llm ? [entity('person', 'Grace Hopper', [2], 'llm')] : []),
      ],
      organizations: [],
      places: [entity('place', 'London', [0, 3], 'nlp')],
      dates: [entity('date', '2024-03-01', [1], 'pattern')],
      urls: [entity('url', 'https://example.com/deploy', [1], 'pattern')],
      filePaths: [entity('file-path', '/etc/app.yaml', [2], 'pattern')],
      ids: [entity('id', 'call_abc123', [2], 'pattern')],
      topics: [],
      nlp: { charsRead: 100, charsSkipped: 0, messagesRead: 4, firstSkippedIndex: null },
    },
    graph: {
      nodes: [{ id: 'n:ada lovelace', label: 'Ada Lovelace', kinds: ['person'], messageIndices: [0] }],
      edges: [],
      omittedEdges: 0,
    },
    llm: llm ? { model: 'test-model', entities: 1 } : null,
  }
}

async function setup(llmAnswer: () => DocumentGraph) {
  const client = createFakeClient({
    'insights.graph': (input) => (input.entities === 'llm' ? llmAnswer() : graph(false)),
    'insights.cancel': () => ({ cancelled: false }),
  })
  const stores = createStores(client)
  stores.documents.getState().onOpened(summary())
  render(
    <StoresProvider stores={stores}>
      <GraphView docId="d1" />
    </StoresProvider>,
  )
  await act(() => flush())
  return { client, stores }
}

const rows = () =>
  within(screen.getByRole('table', { name: 'Entities by kind' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .slice(0, 3)
        .map((cell) => cell.textContent),
    )

describe('GraphView', () => {
  it('lists every kind of entity, each linked to its messages, and filters by kind', async () => {
    const { stores } = await setup(() => graph(true))
    expect(rows()).toEqual([
      ['person', 'Ada Lovelace', '1'],
      ['place', 'London', '2'],
      ['date', '2024-03-01', '1'],
      ['URL', 'https://example.com/deploy', '1'],
      ['file path', '/etc/app.yaml', '1'],
      ['id', 'call_abc123', '1'],
    ])
    const list = screen.getByRole('region', { name: 'Entities' })
    fireEvent.click(within(list).getAllByRole('button', { name: 'Go to message 3' })[0])
    expect(stores.view.getState().jump).toMatchObject({ docId: 'd1', index: 3 })
    fireEvent.change(within(list).getByRole('combobox', { name: 'Kind' }), { target: { value: 'urls' } })
    expect(rows()).toEqual([['URL', 'https://example.com/deploy', '1']])
  })

  it('Use LLM adds what the LLM found, marked; off again shows the offline entities', async () => {
    const { client } = await setup(() => graph(true))
    const llmSwitch = screen.getByRole('switch', { name: 'Use LLM' })
    await act(async () => {
      fireEvent.click(llmSwitch)
      await flush()
    })
    expect(client.callsTo('insights.graph').map((input) => input.entities)).toEqual(['offline', 'llm'])
    expect(screen.getByRole('group', { name: 'LLM entities' }).textContent).toContain(
      'test-model found 1 more (marked LLM).',
    )
    expect(rows()[1]).toEqual(['person', 'Grace Hopper LLM', '1'])
    await act(async () => {
      fireEvent.click(llmSwitch)
      await flush()
    })
    expect(rows().map((row) => row[1])).not.toContain('Grace Hopper LLM')
  })

  it('an LLM failure is one alert, and the offline entities stay', async () => {
    await setup(() => {
      throw new ApiError({
        code: 'UNAUTHORIZED',
        message: 'd1.json: the LLM found no entities: the LLM refused the API key (HTTP 401)',
      })
    })
    await act(async () => {
      fireEvent.click(screen.getByRole('switch', { name: 'Use LLM' }))
      await flush()
    })
    expect(screen.getByRole('alert').textContent).toBe(
      'd1.json: the LLM found no entities: the LLM refused the API key (HTTP 401). The offline entities are shown.',
    )
    expect(rows()[0]).toEqual(['person', 'Ada Lovelace', '1'])
    expect(screen.getByRole('button', { name: 'Ask again' })).toBeTruthy()
  })
})
