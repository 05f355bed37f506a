/** Reading a memory file's messages for a simulation, and writing the compacted result as a file MARSYS loads. */
import type { PlainJson } from '../../../shared/pyjson'
import { type MarsysFile, keepMessage, newMessage, saveMarsysFile } from '../marsys/codec'
import type { CompactionSimulation } from './simulate'
import type { WireMessage } from './types'

export interface CompactionInput {
  /** The file's message objects, in order (entries that are not objects are left out, as MARSYS's loader does). */
  messages: WireMessage[]
  /** The file index of each of those messages. */
  fileIndices: number[]
}

const isRecord = (value: PlainJson): value is { [key: string]: PlainJson } =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export function compactionInput(file: MarsysFile): CompactionInput {
  const messages: WireMessage[] = []
  const fileIndices: number[] = []
  for (let i = 0; i < file.messageCount; i++) {
    const message = file.decodeMessagePlain(i)
    if (!isRecord(message)) continue
    messages.push(message)
    fileIndices.push(i)
  }
  return { messages, fileIndices }
}

/**
 * The file after the simulated compaction: messages compaction left as they were keep their exact bytes, new and
 * changed ones are written as MARSYS writes them, `timestamp` becomes the save time (or `timestamp`), everything
 * else (memory_type, additional_state, unknown keys) is kept.
 */
export function compactedFileBytes(
  file: MarsysFile,
  input: CompactionInput,
  simulation: CompactionSimulation,
  timestamp?: number,
): Buffer {
  const messages = simulation.messages.map((message, i) => {
    const origin = simulation.origins[i]
    return origin === null ? newMessage(message) : keepMessage(input.fileIndices[origin])
  })
  return saveMarsysFile(file, timestamp === undefined ? { messages } : { messages, timestamp })
}
