import { isPlainObject } from '../../../../shared/model/langswarm/jsonFields'
import { parsePyJson, PyObject, type PyValue } from '../../../../shared/pyjson'
import { serializeMemoryFile } from '../../marsys/memory/memoryFile'
import type { LlmDict } from '../../marsys/memory/llmDict'
import { pythonTimeNow } from '../../marsys/codec'
import { marsysEntryOf } from '../marsysMapping'
import type { MarsysSessionProperties } from '../sources/marsysSource'
import type { LossEntry } from '../types'
import {
  mergeLosses,
  sessionLosses,
  type ExportableSession,
  type ExportOptions,
  type ExportResult,
} from './exportTypes'

/**
 * A session as a MARSYS memory file, written as `MemoryManager.save_to_file` writes (`json.dump(indent=2)`,
 * ASCII escapes, no trailing newline). A session migrated from a MARSYS file gets back its memory type, save
 * time, `additional_state` and messages exactly; any other session gets the memory type asked for and the
 * current time, with everything MARSYS has no field for listed as lost.
 */
export function exportMarsys(session: ExportableSession, options: ExportOptions = {}): ExportResult {
  const origin = marsysOrigin(session)
  const losses: LossEntry[] = []
  const entries: PyObject[] = []
  for (const message of session.messages) {
    const { entry, losses: lost } = marsysEntryOf(message)
    entries.push(entry)
    losses.push(...lost)
  }
  if (origin === null) {
    losses.push(...sessionLosses(session, 'a MARSYS file'))
    if (session.messages.length > 0)
      losses.push({
        field: 'timestamp',
        count: session.messages.length,
        reason: 'MARSYS messages carry no time',
      })
    losses.push({
      field: 'message_id',
      count: session.messages.length,
      reason: 'MARSYS files do not store message ids',
    })
  } else if (origin.extra_json !== undefined)
    losses.push({
      field: 'file keys',
      count: 1,
      reason: 'top-level keys MARSYS does not write were not restored',
    })
  const memoryType =
    options.memoryType ??
    (typeof origin?.memory_type === 'string' ? origin.memory_type : 'conversation_history')
  const seconds =
    origin?.timestamp !== undefined ? Number(origin.timestamp) : (options.nowSeconds ?? pythonTimeNow)()
  const text = serializeMemoryFile(
    memoryType,
    entries as unknown as LlmDict[],
    seconds,
    additionalState(origin),
  )
  return { text, extension: 'json', losses: mergeLosses(losses.filter((loss) => loss.count > 0)) }
}

function marsysOrigin(session: ExportableSession): MarsysSessionProperties | null {
  const value = session.metadata.properties.marsys
  return isPlainObject(value) && 'memory_type' in value ? (value as unknown as MarsysSessionProperties) : null
}

function additionalState(origin: MarsysSessionProperties | null): PyValue | undefined {
  if (origin === null) return undefined
  if (origin.additional_state_json !== undefined) return parsePyJson(origin.additional_state_json)
  return origin.additional_state as PyValue | undefined
}
