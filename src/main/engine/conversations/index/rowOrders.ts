import type { RowQuery } from '../../../../shared/model/document'
import type { Conversation } from '../conversation'
import { orderRows, queryKey } from './rowQuery'

/**
 * Caches the last row order per document, keyed by the index it was computed from and the query: scrolling a
 * sorted 100,000-row table asks for many windows of the same order.
 */
export class RowOrders {
  private readonly cache = new WeakMap<
    Conversation,
    { index: object; key: string; order: Int32Array | null }
  >()

  get(
    document: Conversation,
    sort: RowQuery['sort'],
    filter: RowQuery['filter'],
    ensureIndexed: () => void,
  ): Int32Array | null {
    const key = queryKey(sort, filter)
    const cached = this.cache.get(document)
    if (cached && cached.index === document.index && cached.key === key) return cached.order
    const identity = queryKey(undefined, undefined)
    if (key !== identity) ensureIndexed()
    const order = orderRows(document.index, document.messageSource(), sort, filter)
    this.cache.set(document, { index: document.index, key, order })
    return order
  }
}
