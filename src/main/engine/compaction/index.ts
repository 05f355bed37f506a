/** MARSYS's compaction, simulated (spec §6.4): what the UI and the CLI call. */
export {
  CompactionInputError,
  simulateCompaction,
  type CompactionSimulation,
  type SimulationOptions,
  type StageReport,
} from './simulate'
export { compactedFileBytes, compactionInput, type CompactionInput } from './compactedFile'
export { createMarsysCompactor } from './marsysCompactor'
export { CompactionModelError } from './modelCall'
export { ConfigInputError, managedConfigFrom, parseManagedConfigInput } from './configInput'
export { PROCESSOR_REGISTRY } from './pipeline'
export { COMPACTION_OUTPUT_SCHEMA, COMPACTION_SYSTEM_PROMPT } from './compactionPrompt'
export type { CompactionModel, CompactionModelRequest, WireMessage } from './types'
