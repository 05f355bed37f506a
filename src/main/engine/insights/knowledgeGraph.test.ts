import { describe, expect, it } from 'vitest'
import { extractEntities } from './entities'
import { buildKnowledgeGraph, factsFromMessages } from './knowledgeGraph'
import { fixtureMessages } from './testing/testConversations'

describe('knowledge graph', () => {
  it('10_kg_facts: one edge per fact, nodes linked to their messages', () => {
    const facts = factsFromMessages(fixtureMessages('10_kg_facts.json'))
    expect(facts.map((f) => [f.messageIndex, f.role, f.subject, f.predicate, f.object, f.ambiguous])).toEqual(
      [
        [
          0,
          'system',
          'system_configuration',
          'has_initial_description',
          'Facts about European capitals',
          false,
        ],
        [1, 'user', 'Paris', 'is', 'the capital of France', true],
        [2, 'assistant', 'Berlin', 'is', 'the capital of Germany', true],
        [3, 'tool', 'Eiffel Tower', 'height_m', '330', true],
        [4, 'user', 'Zürich', 'is', 'in Schweiz 🇨🇭', true],
      ],
    )
    const graph = buildKnowledgeGraph({ facts })
    expect(graph.edges.map((e) => [e.source, e.label, e.target, e.messageIndices, e.role])).toEqual([
      ['n:system_configuration', 'has_initial_description', 'n:facts about european capitals', [0], 'system'],
      ['n:paris', 'is', 'n:the capital of france', [1], 'user'],
      ['n:berlin', 'is', 'n:the capital of germany', [2], 'assistant'],
      ['n:eiffel tower', 'height_m', 'n:330', [3], 'tool'],
      ['n:zürich', 'is', 'n:in schweiz 🇨🇭', [4], 'user'],
    ])
    expect(graph.nodes[0]).toEqual({
      id: 'n:system_configuration',
      label: 'system_configuration',
      kinds: ['meta'],
      messageIndices: [0],
    })
  })

  it('entities join fact nodes of the same name and link to what shares their messages', () => {
    const messages = fixtureMessages('10_kg_facts.json')
    const graph = buildKnowledgeGraph({
      facts: factsFromMessages(messages),
      entities: extractEntities(messages),
    })
    expect(graph.nodes.find((n) => n.id === 'n:paris')).toEqual({
      id: 'n:paris',
      label: 'Paris',
      kinds: ['fact-subject', 'place'],
      messageIndices: [1],
    })
    expect(graph.edges).toContainEqual(
      expect.objectContaining({
        source: 'n:paris',
        target: 'n:france',
        kind: 'co-occurrence',
        messageIndices: [1],
      }),
    )
    for (const edge of graph.edges) {
      expect(graph.nodes.some((n) => n.id === edge.source)).toBe(true)
      expect(graph.nodes.some((n) => n.id === edge.target)).toBe(true)
    }
  })

  it('keeps the strongest co-occurrence edges only', () => {
    const messages = [
      { role: 'user', content: 'Paris, Berlin and Madrid.' },
      { role: 'user', content: 'Paris and Berlin again.' },
    ]
    const graph = buildKnowledgeGraph({ entities: extractEntities(messages) }, { maxCoOccurrenceEdges: 1 })
    expect(graph.edges).toMatchObject([{ source: 'n:paris', target: 'n:berlin', messageIndices: [0, 1] }])
    expect(graph.omittedEdges).toBe(2)
  })
})
