import { FLAG_BIT } from './flags'
import { Interner } from './interner'
import type { MessageAnalysis } from './messageAnalysis'

export type { CountTokens } from './messageAnalysis'

const NONE = -1

/** Roles that take turns; two of the same in a row is worth a look (tool results in a row are normal). */
const TURN_ROLES = new Set(['user', 'assistant'])

/**
 * Per-message facts for a whole file in typed arrays (a 100,000-message file costs a few MB), built in chunks so
 * the first rows are available before the whole file is read, plus the tool-call pairing by `tool_call_id`.
 */
export class ConversationIndex {
  readonly count: number
  built = 0
  private roles = new Interner()
  readonly roleIds: Uint32Array
  /** Message names (`name`), interned like roles: id 0 is "no name". */
  private names = new Interner([''])
  readonly nameIds: Uint32Array
  readonly tokens: Uint32Array
  readonly toolCallCounts: Uint32Array
  readonly flagBits: Uint16Array
  /** Tool message → index of the assistant message whose call it answers, or -1. */
  readonly answers: Int32Array
  /** Tool-call id → indices of assistant messages that make a call with it (ascending). */
  private callsById = new Map<string, Positions>()
  /** Tool-call id → indices of tool messages that answer it (ascending). */
  private resultsById = new Map<string, Positions>()
  private systemContents = new Map<string, number>()
  totalTokens = 0
  toolCalls = 0
  unansweredToolCalls = 0
  orphanToolResults = 0
  private finished = false

  unloadableMessages = 0

  /**
   * Whether the conversation rules apply (tool-call pairing, turn order, where the system prompt sits). They do not
   * for a `kg` memory: its entries are facts that carry a role, not turns of a conversation.
   */
  private readonly conversationRules: boolean

  constructor(
    count: number,
    private readonly analysisAt: (index: number) => MessageAnalysis,
    copyOf?: ConversationIndex,
    options: { conversationRules?: boolean } = {},
  ) {
    this.conversationRules = copyOf?.conversationRules ?? options.conversationRules ?? true
    if (copyOf) {
      // Everything is shared, columns included: the patch writes the replaced messages' own columns in place. The
      // index it came from is dropped; what kept it (caches) kept only its identity, to see that it changed.
      // Copying the columns cost 2-20 ms per edit at 300,000 messages. The pairing maps and interners are never
      // changed by a patch (interning a new name leaves existing ids as they were).
      this.count = copyOf.count
      this.built = copyOf.built
      this.roleIds = copyOf.roleIds
      this.nameIds = copyOf.nameIds
      this.tokens = copyOf.tokens
      this.toolCallCounts = copyOf.toolCallCounts
      this.flagBits = copyOf.flagBits
      this.answers = copyOf.answers
      this.roles = copyOf.roles
      this.names = copyOf.names
      this.callsById = copyOf.callsById
      this.resultsById = copyOf.resultsById
      this.systemContents = copyOf.systemContents
      this.totalTokens = copyOf.totalTokens
      this.toolCalls = copyOf.toolCalls
      this.unansweredToolCalls = copyOf.unansweredToolCalls
      this.orphanToolResults = copyOf.orphanToolResults
      this.unloadableMessages = copyOf.unloadableMessages
      this.finished = copyOf.finished
      return
    }
    this.count = count
    this.roleIds = new Uint32Array(this.count)
    this.nameIds = new Uint32Array(this.count)
    this.tokens = new Uint32Array(this.count)
    this.toolCallCounts = new Uint32Array(this.count)
    this.flagBits = new Uint16Array(this.count)
    this.answers = new Int32Array(this.count).fill(NONE)
  }

  get complete(): boolean {
    return this.finished
  }

  /**
   * This complete index after messages were replaced in place by ones of the same structure (see
   * `sameStructure`): a new index (caches keyed by index see a change) whose pairing, roles and neighbour flags
   * are this one's, with the replaced messages' own columns (tokens, name, empty, unloadable) and the totals
   * updated. `replaced` lists each position with the analysis of the message that was there. The columns are
   * this index's own, written in place: this index must not be used after.
   */
  withReplaced(
    replaced: ReadonlyMap<number, MessageAnalysis>,
    analysisAt: (index: number) => MessageAnalysis,
  ): ConversationIndex {
    if (!this.finished) throw new Error('only a complete index can be patched')
    const next = new ConversationIndex(0, analysisAt, this)
    for (const [index, before] of replaced) next.replaceOwnFacts(index, before, analysisAt(index))
    return next
  }

  /**
   * This complete index after splices of the message list (inserts, deletes, moves, duplicates), in the order they
   * were applied, without analysing again the messages that stayed: their own columns move with them, inserted
   * messages are analysed, and what depends on neighbours and pairing is worked out again from the columns and
   * this index's pairing maps, whose positions are moved. It takes the maps over: this index must not be used
   * after. `count` is the number of messages after the splices.
   */
  withSplices(
    splices: readonly Splice[],
    count: number,
    analysisAt: (index: number) => MessageAnalysis,
  ): ConversationIndex {
    if (!this.finished) throw new Error('only a complete index can be spliced')
    const { oldToNew, newToOld } = spliceMaps(this.count, splices)
    if (newToOld.length !== count) throw new Error(`splices give ${newToOld.length} messages, not ${count}`)
    const next = new ConversationIndex(count, analysisAt, undefined, {
      conversationRules: this.conversationRules,
    })
    next.roles = this.roles
    next.names = this.names
    const inserted: number[] = []
    for (let index = 0; index < count; index++) {
      const old = newToOld[index]
      if (old < 0) {
        inserted.push(index)
        next.setOwnFacts(index, analysisAt(index))
        continue
      }
      next.roleIds[index] = this.roleIds[old]
      next.nameIds[index] = this.nameIds[old]
      next.tokens[index] = this.tokens[old]
      next.toolCallCounts[index] = this.toolCallCounts[old]
      next.flagBits[index] = this.flagBits[old] & OWN_FLAGS
    }
    for (let index = 0; index < count; index++) {
      next.totalTokens += next.tokens[index]
      next.toolCalls += next.toolCallCounts[index]
      if ((next.flagBits[index] & FLAG_BIT['marsys-unloadable']) !== 0) next.unloadableMessages++
    }
    next.built = count
    if (this.conversationRules) {
      next.callsById = movePositions(this.callsById, oldToNew)
      next.resultsById = movePositions(this.resultsById, oldToNew)
      for (const index of inserted) {
        const facts = analysisAt(index)
        for (const callId of facts.callIds) if (callId) insertPosition(next.callsById, callId, index)
        if (facts.role === 'tool' && facts.toolCallId)
          insertPosition(next.resultsById, facts.toolCallId, index)
      }
      next.neighbourFlags()
      next.answerResults()
    }
    next.finish()
    return next
  }

  /** A message's own columns and flags, from its analysis. */
  private setOwnFacts(index: number, facts: MessageAnalysis): void {
    this.roleIds[index] = this.roles.idOf(facts.role)
    this.nameIds[index] = this.names.idOf(facts.name ?? '')
    this.tokens[index] = facts.tokens
    this.toolCallCounts[index] = facts.callIds.length
    this.flagBits[index] = ownFlagBits(facts)
  }

  /** Same-role neighbours and the system prompt's place, from the role column (a system message's key analysed). */
  private neighbourFlags(): void {
    const systemId = this.roles.find('system') ?? NONE
    for (let index = 0; index < this.count; index++) {
      const isSystem =
        this.roleIds[index] === systemId && (this.flagBits[index] & FLAG_BIT['not-an-object']) === 0
      this.flagBits[index] |= this.neighbourBits(index, isSystem ? this.analysisAt(index).systemKey : null)
    }
  }

  /** Each tool message's answered call (the latest call with its id up to it), and the orphans, from the maps. */
  private answerResults(): void {
    const { answers } = this
    for (const [callId, results] of this.resultsById) {
      const callers = this.callsById.get(callId)
      if (callers === undefined) continue
      if (typeof callers === 'number') {
        if (typeof results === 'number') answers[results] = callers <= results ? callers : NONE
        else for (const result of results) answers[result] = callers <= result ? callers : NONE
        continue
      }
      if (typeof results === 'number') {
        answers[results] = lastUpTo(callers, results)
        continue
      }
      // Both ascending: one walk through the calls serves every result (an id reused on every turn stays linear).
      let k = -1
      for (const result of results) {
        while (k + 1 < callers.length && callers[k + 1] <= result) k++
        answers[result] = k < 0 ? NONE : callers[k]
      }
    }
    const toolId = this.roles.find('tool')
    if (toolId === undefined) return
    for (let index = 0; index < this.count; index++) {
      if (answers[index] !== NONE || this.roleIds[index] !== toolId) continue
      this.flagBits[index] |= FLAG_BIT['orphan-tool-result']
      this.orphanToolResults++
    }
  }

  private replaceOwnFacts(index: number, before: MessageAnalysis, after: MessageAnalysis): void {
    this.nameIds[index] = this.names.idOf(after.name ?? '')
    this.tokens[index] = after.tokens
    this.totalTokens += after.tokens - before.tokens
    this.unloadableMessages += Number(after.marsysUnloadable) - Number(before.marsysUnloadable)
    this.flagBits[index] = (this.flagBits[index] & ~OWN_FLAGS) | ownFlagBits(after)
  }

  /** Indexes up to `size` more messages; returns true once everything is indexed and paired. */
  buildChunk(size: number): boolean {
    const end = Math.min(this.count, this.built + size)
    for (let index = this.built; index < end; index++) this.indexMessage(index)
    this.built = end
    if (this.built === this.count && !this.finished) this.finish()
    return this.finished
  }

  buildAll(): void {
    this.buildChunk(this.count)
  }

  roleOf(index: number): string {
    return this.roles.value(this.roleIds[index])
  }

  rolesMix(): Record<string, number> {
    const counts: Record<string, number> = {}
    for (let index = 0; index < this.built; index++) {
      const role = this.roles.value(this.roleIds[index])
      counts[role] = (counts[role] ?? 0) + 1
    }
    return counts
  }

  /** The tool message answering call `callId` made by message `index`, or null. */
  resultFor(index: number, callId: string): number | null {
    const results = this.resultsById.get(callId)
    if (results === undefined) return null
    if (typeof results === 'number') return results > index ? results : null
    return results.find((result) => result > index) ?? null
  }

  answeredCall(index: number): number | null {
    const call = this.answers[index]
    return call === NONE ? null : call
  }

  nameOf(index: number): string | null {
    return this.names.value(this.nameIds[index]) || null
  }

  private indexMessage(index: number): void {
    const facts = this.analysisAt(index)
    this.setOwnFacts(index, facts)
    this.totalTokens += facts.tokens
    this.toolCalls += facts.callIds.length
    if (facts.marsysUnloadable) this.unloadableMessages++
    if (!this.conversationRules) return
    this.flagBits[index] |= this.neighbourBits(index, facts.systemKey)
    this.recordPairing(index, facts.role, facts.callIds, facts.toolCallId)
  }

  /**
   * The flags of message `index` that depend on those before it (its role and theirs already in the columns): a
   * system prompt that is not first or repeats one, a turn role the same as the previous message's. Records a
   * system prompt's first place.
   */
  private neighbourBits(index: number, systemKey: string | null): number {
    let bits = 0
    if (systemKey !== null) {
      if (index > 0)
        bits |= this.systemContents.has(systemKey)
          ? FLAG_BIT['duplicate-system']
          : FLAG_BIT['system-not-first']
      if (!this.systemContents.has(systemKey)) this.systemContents.set(systemKey, index)
    }
    if (index > 0 && this.roleIds[index - 1] === this.roleIds[index] && TURN_ROLES.has(this.roleOf(index)))
      bits |= FLAG_BIT['same-role-as-previous']
    return bits
  }

  private recordPairing(index: number, role: string, callIds: string[], toolCallId: string | null): void {
    for (const callId of callIds) if (callId) addPosition(this.callsById, callId, index)
    if (role !== 'tool') return
    if (toolCallId) {
      addPosition(this.resultsById, toolCallId, index)
      const callers = this.callsById.get(toolCallId)
      if (callers !== undefined) this.answers[index] = lastPosition(callers)
    }
    if (this.answers[index] === NONE) {
      this.flagBits[index] |= FLAG_BIT['orphan-tool-result']
      this.orphanToolResults++
    }
  }

  /** Calls are answered by later results, so unanswered calls are known only once every message is indexed. */
  private finish(): void {
    const flagUnanswered = (caller: number): void => {
      this.flagBits[caller] |= FLAG_BIT['unanswered-tool-call']
      this.unansweredToolCalls++
    }
    for (const [callId, callers] of this.callsById) {
      // A call is answered by a later result with its id: by the last result (they are ascending) if by any.
      const results = this.resultsById.get(callId)
      const lastResult = results === undefined ? NONE : lastPosition(results)
      if (typeof callers === 'number') {
        if (lastResult <= callers) flagUnanswered(callers)
      } else for (const caller of callers) if (lastResult <= caller) flagUnanswered(caller)
    }
    this.finished = true
  }
}

/**
 * Message indices in ascending order: one index as a plain number, more as an array. Nearly every tool-call id
 * is made once and answered once: at 100,000 messages, one array per id took 6 MB.
 */
type Positions = number | number[]

function addPosition(map: Map<string, Positions>, key: string, index: number): void {
  const known = map.get(key)
  if (known === undefined) map.set(key, index)
  else if (typeof known === 'number') map.set(key, [known, index])
  else known.push(index)
}

const lastPosition = (positions: Positions): number =>
  typeof positions === 'number' ? positions : positions[positions.length - 1]

/** One splice of the message list: at `start`, `removed` messages out and `inserted` new ones in. */
export interface Splice {
  start: number
  removed: number
  inserted: number
}

/**
 * The same splices with neighbours joined: a bulk delete is one splice per message, from the last up (undoing it,
 * one insert per message from the first down), and each splice costs a pass over every position.
 */
export function mergeSplices(splices: readonly Splice[]): Splice[] {
  const merged: Splice[] = []
  for (const next of splices) {
    const last = merged[merged.length - 1]
    if (last && last.inserted === 0 && next.inserted === 0) {
      // Deleting the message just before the last deletion, or the one that took its place.
      if (next.start + next.removed === last.start || next.start === last.start) {
        merged[merged.length - 1] = { start: next.start, removed: last.removed + next.removed, inserted: 0 }
        continue
      }
    }
    if (last && last.removed === 0 && next.removed === 0) {
      // Inserting just after the last insertion, or just before it.
      if (next.start === last.start + last.inserted || next.start === last.start) {
        merged[merged.length - 1] = { start: last.start, removed: 0, inserted: last.inserted + next.inserted }
        continue
      }
    }
    merged.push({ ...next })
  }
  return merged
}

/** Where each old position went (-1: removed) and where each new one came from (-1: inserted). */
function spliceMaps(
  count: number,
  splices: readonly Splice[],
): { oldToNew: Int32Array; newToOld: Int32Array } {
  let newToOld = new Int32Array(count)
  for (let index = 0; index < count; index++) newToOld[index] = index
  for (const { start, removed, inserted } of splices) {
    const next = new Int32Array(newToOld.length - removed + inserted)
    next.set(newToOld.subarray(0, start))
    next.fill(NONE, start, start + inserted)
    next.set(newToOld.subarray(start + removed), start + inserted)
    newToOld = next
  }
  const oldToNew = new Int32Array(count).fill(NONE)
  for (let index = 0; index < newToOld.length; index++)
    if (newToOld[index] !== NONE) oldToNew[newToOld[index]] = index
  return { oldToNew, newToOld }
}

/** The map with every position moved to where its message went; removed ones dropped (so are emptied keys). */
function movePositions(map: Map<string, Positions>, oldToNew: Int32Array): Map<string, Positions> {
  for (const [key, positions] of map) {
    if (typeof positions === 'number') {
      const moved = oldToNew[positions]
      if (moved === NONE) map.delete(key)
      else if (moved !== positions) map.set(key, moved)
      continue
    }
    const kept: number[] = []
    for (const position of positions) if (oldToNew[position] !== NONE) kept.push(oldToNew[position])
    if (kept.length === 0) map.delete(key)
    else map.set(key, kept.length === 1 ? kept[0] : kept)
  }
  return map
}

/** Adds `index` in ascending order (after equal ones), as building in message order would have. */
function insertPosition(map: Map<string, Positions>, key: string, index: number): void {
  const known = map.get(key)
  if (known === undefined) map.set(key, index)
  else if (typeof known === 'number') map.set(key, known <= index ? [known, index] : [index, known])
  else {
    let at = known.length
    while (at > 0 && known[at - 1] > index) at--
    known.splice(at, 0, index)
  }
}

/** The last of the ascending `positions` that is at most `index`, or NONE. */
function lastUpTo(positions: readonly number[], index: number): number {
  let found = NONE
  for (const position of positions) {
    if (position > index) break
    found = position
  }
  return found
}

/** Flags that depend on the message alone (the others depend on its neighbours or on pairing). */
const OWN_FLAGS = FLAG_BIT['not-an-object'] | FLAG_BIT.empty | FLAG_BIT['marsys-unloadable']

function ownFlagBits(facts: MessageAnalysis): number {
  let bits = 0
  if (!facts.isObject) bits |= FLAG_BIT['not-an-object']
  if (facts.empty) bits |= FLAG_BIT.empty
  if (facts.marsysUnloadable) bits |= FLAG_BIT['marsys-unloadable']
  return bits
}

/**
 * Whether two analyses agree on everything other messages' facts depend on: object or not, role (same-role and
 * system flags, the roles mix), system content (duplicates), tool-call ids and the answered call id (pairing).
 */
export function sameStructure(a: MessageAnalysis, b: MessageAnalysis): boolean {
  return (
    a.isObject === b.isObject &&
    a.role === b.role &&
    a.systemKey === b.systemKey &&
    a.toolCallId === b.toolCallId &&
    a.callIds.length === b.callIds.length &&
    a.callIds.every((id, k) => id === b.callIds[k])
  )
}
