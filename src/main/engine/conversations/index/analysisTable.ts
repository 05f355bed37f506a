import { Interner } from './interner'
import {
  NO_CALL_IDS,
  NO_PROBLEMS,
  type MessageAnalysis,
  type MessageProblemView,
  type RowFacts,
} from './messageAnalysis'

const ANALYSED = 1
const IS_OBJECT = 2
const EMPTY = 4
const UNLOADABLE = 8
/** The position has an entry in `rare` (so the others skip the map). */
const RARE = 16

/** What only a few messages have: a system prompt's key, loader problems, a large message's row. */
interface RareFacts {
  systemKey: string | null
  problems: MessageProblemView[]
  row: RowFacts | null
}

/**
 * The analyses of a source's original messages, by position, in columns: the common facts in typed arrays, the
 * strings interned or in dense arrays, what few messages have in a map. An object per message took 107 bytes, about
 * 11 MB of a 100,000-message file's heap; here it is about 35 bytes. `get` builds the object again when asked.
 */
export class AnalysisTable {
  private flags = new Uint8Array(0)
  private roleIds = new Uint32Array(0)
  private nameIds = new Uint32Array(0)
  private tokens = new Float64Array(0)
  private readonly roles = new Interner()
  /** Id 0 is "no name" (an analysis has null, never an empty name). */
  private readonly names = new Interner([''])
  private readonly toolCallIds: (string | null)[] = []
  private readonly callIds: string[][] = []
  private readonly rare = new Map<number, RareFacts>()

  get(position: number): MessageAnalysis | undefined {
    const flags = this.flags[position]
    if (flags === undefined || (flags & ANALYSED) === 0) return undefined
    const rare = (flags & RARE) === 0 ? undefined : this.rare.get(position)
    const nameId = this.nameIds[position]
    return {
      isObject: (flags & IS_OBJECT) !== 0,
      role: this.roles.value(this.roleIds[position]),
      name: nameId === 0 ? null : this.names.value(nameId),
      tokens: this.tokens[position],
      callIds: this.callIds[position],
      toolCallId: this.toolCallIds[position],
      empty: (flags & EMPTY) !== 0,
      systemKey: rare?.systemKey ?? null,
      marsysUnloadable: (flags & UNLOADABLE) !== 0,
      problems: rare?.problems ?? NO_PROBLEMS,
      row: rare?.row ?? null,
    }
  }

  set(position: number, analysis: MessageAnalysis): void {
    this.reserve(position + 1)
    const rare = analysis.systemKey !== null || analysis.problems.length > 0 || analysis.row !== null
    this.flags[position] =
      ANALYSED |
      (analysis.isObject ? IS_OBJECT : 0) |
      (analysis.empty ? EMPTY : 0) |
      (analysis.marsysUnloadable ? UNLOADABLE : 0) |
      (rare ? RARE : 0)
    this.roleIds[position] = this.roles.idOf(analysis.role)
    this.nameIds[position] = analysis.name === null ? 0 : this.names.idOf(analysis.name)
    this.tokens[position] = analysis.tokens
    this.toolCallIds[position] = analysis.toolCallId
    this.callIds[position] = analysis.callIds
    if (rare)
      this.rare.set(position, {
        systemKey: analysis.systemKey,
        problems: analysis.problems,
        row: analysis.row,
      })
    else this.rare.delete(position)
  }

  /** Room for `count` positions; the dense arrays are filled up to it, so they never turn sparse. */
  private reserve(count: number): void {
    while (this.toolCallIds.length < count) {
      this.toolCallIds.push(null)
      this.callIds.push(NO_CALL_IDS)
    }
    if (count <= this.flags.length) return
    const capacity = Math.max(count, this.flags.length * 2, 1024)
    this.flags = grown(this.flags, new Uint8Array(capacity))
    this.roleIds = grown(this.roleIds, new Uint32Array(capacity))
    this.nameIds = grown(this.nameIds, new Uint32Array(capacity))
    this.tokens = grown(this.tokens, new Float64Array(capacity))
  }
}

function grown<T extends Uint8Array | Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from)
  return to
}
