import type { KgFactRow } from '../../../../shared/model/document'
import { parseFactRendering } from '../../marsys/memory/kgMemory'
import { isRecord } from '../index/messageFacts'
import type { MessageSource } from '../messageSource'

/** A `kg` file stores facts only as renderings (`Fact (<role>): s p o.`); parse them back for the facts table. */
export function factRows(source: MessageSource): KgFactRow[] {
  const rows: KgFactRow[] = []
  for (let index = 0; index < source.count; index++) {
    const message = source.plain(index)
    if (!isRecord(message) || typeof message.content !== 'string') continue
    const fact = parseFactRendering(message.content)
    rows.push({
      index,
      role: fact?.role ?? (typeof message.role === 'string' ? message.role : ''),
      subject: fact?.subject ?? '',
      predicate: fact?.predicate ?? '',
      object: fact?.object ?? '',
      ambiguous: fact ? fact.ambiguous : true,
      text: message.content,
    })
  }
  return rows
}
