import type { ApiClient } from '../../api/client'
import { isPlainOrder, normalizeQuery, type TableQuery } from '../../stores/rowsStore'

/**
 * Where message `index` sits in the table as it is sorted and filtered now: the index itself in file order,
 * else main's `document.position` (null when the filter hides it).
 */
export async function resolveJumpPosition(
  client: ApiClient,
  docId: string,
  index: number,
  query: TableQuery,
): Promise<number | null> {
  if (isPlainOrder(query)) return index
  const { sort, filter } = normalizeQuery(query)
  const { position } = await client.call('document.position', {
    id: docId,
    index,
    ...(sort ? { sort } : {}),
    ...(filter ? { filter } : {}),
  })
  return position
}
