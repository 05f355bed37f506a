/** MARSYS's `MemoryManager` (spec §8): builds the memory for a type, delegates to it, saves and loads files. */
import { dumpPyJson, fromPlain, toPlain, type PlainJson } from '../../../../shared/pyjson'
import { pyStr } from '../../../../shared/tokens/pyRepr'
import { ConversationMemory } from './conversationMemory'
import { AgentConfigurationError, MarsysNotImplementedError } from './marsysErrors'
import { type FactExtractor, KGMemory } from './kgMemory'
import { parseFactRendering } from './kgFacts'
import { ManagedMemoryConfig, type ManagedMemoryConfigInput, type TokenCounterInput } from './managedConfig'
import { type CompactionRuntime, type Compactor, ManagedConversationMemory } from './managedMemory'
import {
  type AddFields,
  MEMORY_TYPES,
  type MemoryEventSink,
  type MemoryOptions,
  type MemoryType,
  type ReplaceFields,
  type UpdateFields,
  systemClock,
} from './memoryBase'
import {
  type MemoryWarning,
  type ParsedMemoryFile,
  decodeMemoryFile,
  parseMemoryFile,
  serializeMemoryFile,
} from './memoryFile'
import type { LlmDict } from './llmDict'
import { type LoadedState, loadedState, stateToWrite } from './loadedState'
import type { Message } from './message'

/** File access for save/load, injected so the manager stays testable (Node implementation: memoryManager.node.ts). */
export interface MemoryFileStore {
  exists(path: string): Promise<boolean>
  read(path: string): Promise<Uint8Array>
  /** Creates missing parent directories and replaces the file atomically, keeping a backup of the old one. */
  write(path: string, text: string): Promise<void>
}

export interface MemoryManagerOptions extends MemoryOptions {
  /** "conversation_history" (default), "managed_conversation" or "kg". */
  memoryType?: string
  /** conversation_history: first system message; kg: initial fact; managed: ignored. */
  description?: string | null
  /** Required for "kg". */
  model?: FactExtractor | null
  /** For "managed_conversation"; a config object or its snake_case fields (current or historical names). */
  memoryConfig?: ManagedMemoryConfig | ManagedMemoryConfigInput | null
  /** For "managed_conversation"; overrides the config's counter without modifying the config object. */
  tokenCounter?: TokenCounterInput | null
  compactor?: Compactor
  files?: MemoryFileStore
}

export type MemoryModule = ConversationMemory | ManagedConversationMemory | KGMemory

/**
 * The messages as callers of this API get them: plain values that index and serialise like JSON
 * (`dict.reasoning_details[0].type`, `JSON.stringify`), keys in the file's order. The memory modules keep the
 * lossless forms (exact number text, duplicate keys) because the file codec writes from them (`serialize`).
 */
const plainLlmDict = (dict: LlmDict): LlmDict => toPlain(fromPlain(dict)) as unknown as LlmDict

export interface LoadReport {
  /**
   * The file's `additional_state` as plain values (indexing and `JSON.stringify` work as on JSON, keys in the
   * file's order), or null (also when the file does not exist).
   */
  additionalState: PlainJson | null
  /** False when the file did not exist (the memory was left untouched). */
  loaded: boolean
  messageCount: number
  warnings: MemoryWarning[]
}

const isMemoryType = (value: string): value is MemoryType =>
  (MEMORY_TYPES as readonly string[]).includes(value)

function createMemory(type: string, opts: MemoryManagerOptions): MemoryModule {
  if (!isMemoryType(type))
    throw new AgentConfigurationError(`Unknown memory_type: ${type}`, 'memory_type', type)
  if (type === 'conversation_history')
    return new ConversationMemory({ ...opts, description: opts.description })
  if (type === 'kg') {
    if (!opts.model)
      throw new AgentConfigurationError(
        "KGMemory requires a 'model' instance for fact extraction.",
        'model',
        null,
      )
    return new KGMemory({ ...opts, model: opts.model, description: opts.description })
  }
  const given = opts.memoryConfig
  const config = given instanceof ManagedMemoryConfig ? given : new ManagedMemoryConfig(given ?? {})
  return new ManagedConversationMemory({
    ...opts,
    config,
    tokenCounter: opts.tokenCounter,
    description: opts.description,
  })
}

const sameLlmDict = (a: LlmDict, b: LlmDict): boolean => dumpPyJson(a) === dumpPyJson(b)

/**
 * Deliberate differences from MARSYS: saving is atomic with a backup; loading validates the whole file first (a
 * bad file leaves the memory untouched), keeps tool_call_id and reasoning_details, never duplicates an identical
 * leading system message, reads KG fact renderings back as facts, raises MarsysLoadError instead of TypeError, and
 * reports warnings (onWarning and the LoadReport) instead of logging them.
 */
export class MemoryManager {
  readonly memoryType: MemoryType
  readonly memoryModule: MemoryModule
  private readonly options: MemoryManagerOptions
  /** The last loaded additional_state, so that saving it back keeps the file's number text. */
  private loadedState: LoadedState | null = null

  /** @throws AgentConfigurationError for an unknown type or a kg memory without model. */
  constructor(opts: MemoryManagerOptions = {}) {
    const type = opts.memoryType ?? 'conversation_history'
    this.memoryModule = createMemory(type, opts)
    this.memoryType = type as MemoryType
    this.options = opts
  }

  setEventContext(agentName: string, eventSink?: MemoryEventSink | null, sessionId?: string | null): void {
    this.memoryModule.setEventContext(agentName, eventSink, sessionId)
  }

  add(input: Message | AddFields): string {
    return this.memoryModule.add(input)
  }

  update(messageId: string, fields: UpdateFields): void {
    this.memoryModule.update(messageId, fields)
  }

  replaceMemory(idx: number, input: Message | ReplaceFields): void {
    this.memoryModule.replaceMemory(idx, input)
  }

  deleteMemory(idx: number): void {
    this.memoryModule.deleteMemory(idx)
  }

  retrieveRecent(n = 1): LlmDict[] {
    return this.memoryModule.retrieveRecent(n).map(plainLlmDict)
  }

  retrieveAll(): LlmDict[] {
    return this.memoryModule.retrieveAll().map(plainLlmDict)
  }

  getMessages(): LlmDict[] {
    return this.memoryModule.getMessages().map(plainLlmDict)
  }

  retrieveById(messageId: string): LlmDict | null {
    const dict = this.memoryModule.retrieveById(messageId)
    return dict === null ? null : plainLlmDict(dict)
  }

  removeById(messageId: string): boolean {
    return this.memoryModule.removeById(messageId)
  }

  retrieveByRole(role: string, n?: number | null): LlmDict[] {
    return this.memoryModule.retrieveByRole(role, n).map(plainLlmDict)
  }

  resetMemory(): void {
    this.memoryModule.resetMemory()
  }

  /** Runs compaction on a managed memory when due; false for other types. */
  async compactIfNeeded(runtime?: CompactionRuntime): Promise<boolean> {
    return this.memoryModule instanceof ManagedConversationMemory
      ? this.memoryModule.compactIfNeeded(runtime)
      : false
  }

  async compactForPayloadError(runtime?: CompactionRuntime): Promise<boolean> {
    return this.memoryModule instanceof ManagedConversationMemory
      ? this.memoryModule.compactForPayloadError(runtime)
      : false
  }

  /** @throws MarsysNotImplementedError unless this is a kg memory. */
  extractAndUpdateFromText(text: string, role = 'user'): Promise<unknown[]> {
    if (!(this.memoryModule instanceof KGMemory)) {
      throw new MarsysNotImplementedError('extract_and_update_from_text is only available for KGMemory.')
    }
    return this.memoryModule.extractAndUpdateFromText(text, role)
  }

  /**
   * The exact text `save_to_file` writes now. Like MARSYS it goes through retrieveAll(), so a sliding-window
   * managed memory writes only its window and updates its cache counters. Values of `additionalState` equal to
   * the last loaded file's are written as that file spells them (`5.0`, `NaN`), as Python's floats would be.
   */
  serialize(additionalState?: unknown): string {
    const timestamp = (this.options.clock ?? systemClock)()
    const state = stateToWrite(additionalState, this.loadedState)
    return serializeMemoryFile(this.memoryType, this.memoryModule.retrieveAll(), timestamp, state)
  }

  /** Writes the memory file (atomically, with a backup of the previous file), creating parent directories. */
  async saveToFile(path: string, additionalState?: unknown): Promise<void> {
    await this.files().write(path, this.serialize(additionalState))
  }

  /**
   * Loads a memory file, replacing the memory's content; returns its additional_state (null when absent, and
   * when the file does not exist — then the memory is left untouched).
   * @throws MarsysLoadError naming the file and the JSONPath of the problem.
   */
  async loadFromFile(path: string): Promise<PlainJson | null> {
    return (await this.loadFromFileWithReport(path)).additionalState
  }

  async loadFromFileWithReport(path: string): Promise<LoadReport> {
    const files = this.files()
    if (!(await files.exists(path))) {
      const warnings = [
        this.report({
          code: 'file_missing',
          message: `Memory file ${path} does not exist. Starting with empty memory.`,
        }),
      ]
      return { additionalState: null, loaded: false, messageCount: 0, warnings }
    }
    const parsed = parseMemoryFile(decodeMemoryFile(await files.read(path), path), path)
    return this.apply(parsed)
  }

  /** Loads already-read file text (see loadFromFileWithReport); `path` is only used in messages. */
  loadFromText(text: string, path: string): LoadReport {
    return this.apply(parseMemoryFile(text, path))
  }

  private apply(parsed: ParsedMemoryFile): LoadReport {
    const warnings = [...parsed.warnings]
    if (parsed.memoryType !== this.memoryType) {
      warnings.unshift({
        code: 'memory_type_mismatch',
        message: `Memory type mismatch: file has '${pyStr(parsed.memoryType ?? null)}', but MemoryManager is configured for '${this.memoryType}'. Loading anyway.`,
        jsonPath: '$.memory_type',
      })
    }
    this.memoryModule.resetMemory()
    const memory = this.memoryModule
    if (memory instanceof KGMemory) this.loadFacts(memory, parsed.messages)
    else this.loadMessages(memory, parsed, warnings)
    warnings.forEach((w) => this.report(w))
    this.loadedState = parsed.additionalState === null ? null : loadedState(parsed.additionalState)
    return {
      additionalState: this.loadedState === null ? null : this.loadedState.plain,
      loaded: true,
      messageCount: parsed.messages.length,
      warnings,
    }
  }

  /**
   * After reset a ConversationMemory keeps its leading system message; MARSYS then appends the file's own one,
   * duplicating it. We skip the file's first message when it renders exactly like the kept one; a different
   * system message is loaded (as MARSYS does) and reported.
   */
  private loadMessages(
    memory: ConversationMemory | ManagedConversationMemory,
    parsed: ParsedMemoryFile,
    warnings: MemoryWarning[],
  ): void {
    let messages = parsed.messages
    const kept = memory instanceof ConversationMemory ? memory.getStoredMessages()[0] : undefined
    const first = messages[0]
    if (kept !== undefined && first !== undefined && first.role === 'system') {
      const render = { images: this.options.images }
      if (sameLlmDict(kept.toLlmDict(render), first.toLlmDict(render))) messages = messages.slice(1)
      else {
        warnings.push({
          code: 'system_prompt_kept',
          message: "the memory's own system message was kept before the file's different system message",
          jsonPath: parsed.messagePaths[0],
        })
      }
    }
    for (const message of messages) memory.add(message)
  }

  // A rendering `Fact (<role>): s p o.` whose role matches comes back as that fact, so a resave writes the same
  // text (MARSYS stores it as `raw_content contains Fact (...)...`); anything else is stored as raw content.
  private loadFacts(memory: KGMemory, messages: readonly Message[]): void {
    for (const message of messages) {
      const fact = typeof message.content === 'string' ? parseFactRendering(message.content) : null
      if (fact !== null && fact.role === message.role)
        memory.addFact(fact.role, fact.subject, fact.predicate, fact.object)
      else memory.addRawContent(message.role, message.content)
    }
  }

  private report(warning: MemoryWarning): MemoryWarning {
    this.options.onWarning?.(warning.jsonPath ? `${warning.message} (${warning.jsonPath})` : warning.message)
    return warning
  }

  private files(): MemoryFileStore {
    if (!this.options.files)
      throw new AgentConfigurationError('No file store: pass `files` (e.g. nodeMemoryFileStore())', 'files')
    return this.options.files
  }
}
