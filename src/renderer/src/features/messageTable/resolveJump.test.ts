import { describe, expect, it } from 'vitest'
import { createFakeClient } from '../../testing/fakeClient'
import { resolveJumpPosition } from './resolveJump'

describe('resolveJumpPosition', () => {
  it('needs no round trip in file order', async () => {
    const client = createFakeClient()
    expect(await resolveJumpPosition(client, 'd1', 42, { filter: { text: '' } })).toBe(42)
    expect(client.calls).toHaveLength(0)
  })

  it('asks main where the message sits under the current sort and filter', async () => {
    const client = createFakeClient({
      'document.position': ({ index }) => ({ position: index === 7 ? 2 : null }),
    })
    const query = { sort: { column: 'tokens' as const, descending: true }, filter: { roles: ['tool'] } }
    expect(await resolveJumpPosition(client, 'd1', 7, query)).toBe(2)
    expect(client.callsTo('document.position')[0]).toEqual({ id: 'd1', index: 7, ...query })
    expect(await resolveJumpPosition(client, 'd1', 8, query)).toBeNull()
  })
})
