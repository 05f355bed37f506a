import { describe, expect, it } from 'vitest'
import { layoutGraph } from './graphLayout'

const node = (id: string, messageIndices = [0]) => ({ id, label: id, kinds: ['person'], messageIndices })

describe('layoutGraph', () => {
  it('places every node apart, inside the view box, with edges between their centres', () => {
    const layout = layoutGraph(
      [node('a'), node('b', [1, 2, 3, 4]), node('c')],
      [
        { id: 'e0', source: 'a', target: 'b', label: 'knows', kind: 'fact', messageIndices: [0] },
        { id: 'e1', source: 'b', target: 'missing', label: 'x', kind: 'fact', messageIndices: [0] },
      ],
    )
    expect(layout.nodes).toHaveLength(3)
    const [a, b, c] = layout.nodes
    for (const p of [a, b, c]) {
      expect(p.x).toBeGreaterThan(layout.viewBox.x)
      expect(p.x).toBeLessThan(layout.viewBox.x + layout.viewBox.width)
    }
    expect(Math.hypot(a.x - c.x, a.y - c.y)).toBeGreaterThan(20)
    expect(b.r).toBeGreaterThan(a.r)
    expect(layout.edges).toEqual([expect.objectContaining({ id: 'e0', x1: a.x, y1: a.y, x2: b.x, y2: b.y })])
    expect(layoutGraph([node('a'), node('b'), node('c')], []).nodes).toEqual(
      layoutGraph([node('a'), node('b'), node('c')], []).nodes,
    )
  })
})
