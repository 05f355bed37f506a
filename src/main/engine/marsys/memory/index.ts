/** The MARSYS memory API (Message, memories, MemoryManager) in TypeScript; see each module for MARSYS differences. */
export {
  AgentConfigurationError,
  MarsysError,
  MarsysIndexError,
  MarsysLoadError,
  MarsysNotImplementedError,
  MarsysValueError,
  MessageError,
  type MarsysLoadErrorDetails,
  type MessageErrorDetails,
} from './marsysErrors'
export type { JsonValue } from './jsonValue'
export type { LlmDict, ToolCallDict } from './llmDict'
export {
  AgentCallMsg,
  MessageContent,
  NEXT_ACTIONS,
  ToolCallMsg,
  type NextAction,
  type ToolCallFields,
} from './calls'
export {
  Message,
  type AgentCallInput,
  type LlmDictOptions,
  type MessageDict,
  type MessageInit,
  type ToolCallInput,
} from './message'
export { type ImageSource, NO_IMAGES, imageMimeType } from './imageSource'
export {
  BaseMemory,
  MEMORY_TYPES,
  type AddFields,
  type MemoryEventSink,
  type MemoryOptions,
  type MemoryResetEvent,
  type MemoryType,
  type ReplaceFields,
  type UpdateFields,
} from './memoryBase'
export { ConversationMemory } from './conversationMemory'
export {
  DEFAULT_PROCESSOR_ORDER,
  ManagedMemoryConfig,
  type ActiveContextInput,
  type ActiveContextPolicy,
  type ManagedMemoryConfigInput,
  type TokenCounterInput,
} from './managedConfig'
export {
  BackwardPackingRetrieval,
  SimpleThresholdTrigger,
  backwardPack,
  slidingWindowTarget,
  type MemoryState,
  type PackedWindow,
  type RetrievalStrategy,
  type TriggerStrategy,
} from './backwardPacking'
export {
  ManagedConversationMemory,
  type CacheStats,
  type CompactionOutcome,
  type CompactionRequest,
  type CompactionRuntime,
  type Compactor,
  type ManagedMemoryOptions,
} from './managedMemory'
export { FACT_EXTRACTION_PROMPT, KGMemory, type FactExtractor } from './kgMemory'
export { parseFactRendering, renderFact, type KgFact, type ParsedFactRendering } from './kgFacts'
export { type MemoryWarning, parseMemoryFile, serializeMemoryFile, decodeMemoryFile } from './memoryFile'
export {
  MemoryManager,
  type LoadReport,
  type MemoryFileStore,
  type MemoryManagerOptions,
  type MemoryModule,
} from './marsysMemoryManager'
export { DefaultTokenCounter, type TokenCounter } from '../../../../shared/tokens/marsysTokenCounter'
export { createNodeMemoryManager, nodeMemoryFileStore } from './marsysMemoryManager.node'
export { nodeImageSource } from './nodeImageSource'
