/** Tool calls: per tool, failures (and failure streaks), unanswered calls, orphan results, repeated identical calls. */
import { toolFailure } from './contentSignals'
import type { MessageView } from './messageView'
import { redactedShort, redactedSlice } from './secretPatterns'
import type { OrphanResult, ToolPairing } from './toolPairing'

/** MARSYS's coordination tools: routing, not work (`coordination_tools.COORDINATION_TOOL_NAMES`). */
export const COORDINATION_TOOLS: ReadonlySet<string> = new Set([
  'invoke_agent',
  'terminate_workflow',
  'ask_user',
  'end_conversation',
  'return_final_response',
])

export interface ToolFailure {
  tool: string
  callId: string
  callIndex: number
  resultIndex: number
  /** Which rule made it look failed (`is-error-flag`, `json-error-field`, `traceback`, …). */
  rule: string
  excerpt: string
}

export interface FailureStreak {
  tool: string
  length: number
  /** The failed results, in order. */
  resultIndices: number[]
  callIndices: number[]
}

export interface ToolStats {
  tool: string
  coordination: boolean
  calls: number
  answered: number
  failures: number
  callIndices: number[]
  failureResultIndices: number[]
  /** The longest run of consecutive calls of this tool that all failed (null when none failed). */
  longestFailureStreak: FailureStreak | null
}

export interface UnansweredCall {
  tool: string
  callId: string
  messageIndex: number
  /** Position in the message's `tool_calls`. */
  position: number
}

export interface RepeatedCall {
  tool: string
  /** The arguments as compact JSON with sorted keys (or as stored when not JSON), cut to 200 characters. */
  arguments: string
  count: number
  /** The longest run of these calls with no other call between them. */
  longestRun: number
  callIndices: number[]
}

export interface ToolUsage {
  totalCalls: number
  answeredCalls: number
  byTool: ToolStats[]
  failures: ToolFailure[]
  unanswered: UnansweredCall[]
  orphanResults: OrphanResult[]
  /** Identical calls (same tool, same arguments) made at least `loopMinRepeats` times: likely loops. */
  loops: RepeatedCall[]
}

export interface ToolUsageOptions {
  loopMinRepeats: number
}

const ARGUMENTS_SHOWN = 200
const CANONICAL_LIMIT = 100_000

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${sortedJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/** Arguments compared by meaning: `{"a":1, "b":2}` and `{"b": 2,"a": 1}` are the same call. */
export function canonicalArguments(args: string): string {
  if (args.length > CANONICAL_LIMIT) return args
  try {
    return sortedJson(JSON.parse(args.trim() === '' ? '{}' : args))
  } catch {
    return args.trim()
  }
}

function repeatedCalls(
  calls: { name: string; arguments: string; callIndex: number }[],
  min: number,
): RepeatedCall[] {
  const groups = new Map<string, RepeatedCall & { lastOrdinal: number; run: number }>()
  calls.forEach((call, ordinal) => {
    const args = canonicalArguments(call.arguments)
    const key = `${call.name}\u0000${args}`
    let group = groups.get(key)
    if (!group) {
      group = {
        tool: call.name,
        arguments:
          args.length > ARGUMENTS_SHOWN
            ? `${redactedSlice(args, 0, ARGUMENTS_SHOWN - 1)}…`
            : redactedShort(args),
        count: 0,
        longestRun: 0,
        callIndices: [],
        lastOrdinal: -2,
        run: 0,
      }
      groups.set(key, group)
    }
    group.count++
    group.run = group.lastOrdinal === ordinal - 1 ? group.run + 1 : 1
    group.longestRun = Math.max(group.longestRun, group.run)
    group.lastOrdinal = ordinal
    group.callIndices.push(call.callIndex)
  })
  return [...groups.values()]
    .filter((group) => group.count >= min)
    .sort((a, b) => b.count - a.count || a.callIndices[0] - b.callIndices[0])
    .map(({ tool, arguments: args, count, longestRun, callIndices }) => ({
      tool,
      arguments: args,
      count,
      longestRun,
      callIndices,
    }))
}

export function analyzeToolUsage(
  views: readonly MessageView[],
  options: ToolUsageOptions,
  pairing: ToolPairing,
): ToolUsage {
  const stats = new Map<string, ToolStats & { streak: FailureStreak | null }>()
  const failures: ToolFailure[] = []
  const unanswered: UnansweredCall[] = []
  let answered = 0
  for (const call of pairing.calls) {
    let tool = stats.get(call.name)
    if (!tool) {
      tool = {
        tool: call.name,
        coordination: COORDINATION_TOOLS.has(call.name),
        calls: 0,
        answered: 0,
        failures: 0,
        callIndices: [],
        failureResultIndices: [],
        longestFailureStreak: null,
        streak: null,
      }
      stats.set(call.name, tool)
    }
    tool.calls++
    tool.callIndices.push(call.callIndex)
    if (call.resultIndex === null) {
      unanswered.push({
        tool: call.name,
        callId: call.callId,
        messageIndex: call.callIndex,
        position: call.position,
      })
      continue
    }
    answered++
    tool.answered++
    const result = views[call.resultIndex]
    const failure = toolFailure(result.text, result.flaggedError)
    if (failure === null) {
      tool.streak = null
      continue
    }
    failures.push({
      tool: call.name,
      callId: call.callId,
      callIndex: call.callIndex,
      resultIndex: call.resultIndex,
      rule: failure.rule,
      excerpt: failure.excerpt,
    })
    tool.failures++
    tool.failureResultIndices.push(call.resultIndex)
    tool.streak ??= { tool: call.name, length: 0, resultIndices: [], callIndices: [] }
    tool.streak.length++
    tool.streak.resultIndices.push(call.resultIndex)
    tool.streak.callIndices.push(call.callIndex)
    if (tool.longestFailureStreak === null || tool.streak.length > tool.longestFailureStreak.length)
      tool.longestFailureStreak = tool.streak
  }
  return {
    totalCalls: pairing.calls.length,
    answeredCalls: answered,
    byTool: [...stats.values()]
      .map(({ streak: _streak, longestFailureStreak, ...rest }) => ({
        ...rest,
        longestFailureStreak: longestFailureStreak && { ...longestFailureStreak },
      }))
      .sort((a, b) => b.calls - a.calls || (a.tool < b.tool ? -1 : 1)),
    failures,
    unanswered,
    orphanResults: pairing.orphans,
    loops: repeatedCalls(
      pairing.calls.filter((call) => !COORDINATION_TOOLS.has(call.name)),
      options.loopMinRepeats,
    ),
  }
}
