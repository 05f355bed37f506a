import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { flagValue, stringValue, type ParsedArgs } from '../args'
import type { CliCommand } from '../command'
import { CliError, UsageError } from '../cliErrors'
import { EXIT_OK, type CliIo } from '../io'
import { describeFsError } from '../readInput'
import { atomicWriteFile } from '../../engine/fs/atomicWrite'
import { diagnoseMarsysFile } from '../../engine/marsys/codec'
import { compactedFileBytes, compactionInput } from '../../engine/compaction/compactedFile'
import { ConfigInputError, parseManagedConfigInput } from '../../engine/compaction/configInput'
import { CompactionModelError } from '../../engine/compaction/modelCall'
import { PROCESSOR_REGISTRY } from '../../engine/compaction/pipeline'
import {
  CompactionInputError,
  type CompactionSimulation,
  simulateCompaction,
} from '../../engine/compaction/simulate'
import type { CompactionModel } from '../../engine/compaction/types'
import { ManagedMemoryConfig, type ManagedMemoryConfigInput } from '../../engine/marsys/memory/managedConfig'
import type { SummarizerId } from '../../engine/summaries/summarizer'
import { LLM_OPTIONS, summarizerFromArgs, summarizerId } from './summarize'
import { openInputFile } from './openInput'

const COMPACTION_SUMMARIZERS = ['none', 'extractive', 'llm'] as const

export interface CompactJsonStage {
  name: string
  ran: boolean
  skipped_reason: string | null
  error: string | null
  tokens_before: number
  tokens_after: number
  messages_before: number
  messages_after: number
  /** File message indices the stage modified or removed. */
  changed: number[]
  modified: number[]
  removed: number[]
  inserted: number
}

export interface CompactJson {
  triggered: boolean
  not_triggered_reason: string | null
  threshold_tokens: number
  target_tokens: number
  tokens_before: number
  tokens_after: number
  messages_before: number
  messages_after: number
  stages: CompactJsonStage[]
  warnings: string[]
  /** Where the compacted file was written (with -o). */
  out?: string
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

async function configFile(io: CliIo, fileArg: string): Promise<ManagedMemoryConfigInput> {
  let text: string
  try {
    text = await readFile(resolve(io.cwd, fileArg), 'utf8')
  } catch (error) {
    throw new CliError(describeFsError(fileArg, error))
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new CliError(`${fileArg}: invalid JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  if (!isRecord(value)) throw new CliError(`${fileArg}: a managed memory config must be a JSON object`)
  try {
    return parseManagedConfigInput(value)
  } catch (error) {
    if (error instanceof ConfigInputError) throw new CliError(`${fileArg}: ${error.message}`)
    throw error
  }
}

function numberOption(
  args: ParsedArgs,
  name: string,
  check: (n: number) => boolean,
  what: string,
): number | undefined {
  const text = stringValue(args, name)
  if (text === undefined) return undefined
  const n = Number(text)
  if (text.trim() === '' || !check(n))
    throw new UsageError(`compact: --${name} must be ${what}, got "${text}"`)
  return n
}

/** MARSYS's config: --config's JSON (snake_case, as ManagedMemoryConfig takes it), then the flags over it. */
export async function configFromArgs(io: CliIo, args: ParsedArgs): Promise<ManagedMemoryConfig> {
  const configArg = stringValue(args, 'config')
  const input: ManagedMemoryConfigInput = configArg ? await configFile(io, configArg) : {}
  const activeContext = { ...(isRecord(input.active_context) ? input.active_context : {}) }
  const threshold = numberOption(
    args,
    'threshold-tokens',
    (n) => Number.isInteger(n) && n > 0,
    'a positive integer',
  )
  if (threshold !== undefined) input.threshold_tokens = threshold
  const ratio = numberOption(args, 'target-ratio', (n) => n > 0 && n < 1, 'a number between 0 and 1')
  // MARSYS derives the target as threshold × (1 − min_reduction_ratio).
  if (ratio !== undefined) activeContext.min_reduction_ratio = 1 - ratio
  const processors = stringValue(args, 'processors')
  if (processors !== undefined) {
    const names = processors
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '')
    const unknown = names.filter((n) => !(n in PROCESSOR_REGISTRY))
    if (names.length === 0 || unknown.length > 0)
      throw new UsageError(
        `compact: --processors takes names from ${Object.keys(PROCESSOR_REGISTRY).join(', ')}${unknown.length > 0 ? `; unknown: ${unknown.join(', ')}` : ''}`,
      )
    activeContext.processor_order = names
  }
  input.active_context = activeContext
  return new ManagedMemoryConfig(input)
}

async function modelFromArgs(args: ParsedArgs): Promise<CompactionModel | null> {
  const id = summarizerId('compact', stringValue(args, 'summarizer'), COMPACTION_SUMMARIZERS)
  if (id === 'none') return null
  const summarizer = await summarizerFromArgs('compact', id as SummarizerId, args)
  return summarizer.compactionModel!()
}

export function compactJson(
  simulation: CompactionSimulation,
  fileIndices: readonly number[],
  messagesBefore: number,
): CompactJson {
  const toFile = (indices: number[]) => indices.map((i) => fileIndices[i])
  return {
    triggered: simulation.triggered,
    not_triggered_reason: simulation.notTriggeredReason,
    threshold_tokens: simulation.thresholdTokens,
    target_tokens: simulation.targetTokens,
    tokens_before: simulation.tokensBefore,
    tokens_after: simulation.tokensAfter,
    messages_before: messagesBefore,
    messages_after: simulation.messages.length,
    stages: simulation.stages.map((s) => ({
      name: s.name,
      ran: s.ran,
      skipped_reason: s.skippedReason,
      error: s.error,
      tokens_before: s.tokensBefore,
      tokens_after: s.tokensAfter,
      messages_before: s.messagesBefore,
      messages_after: s.messagesAfter,
      changed: toFile(s.changed),
      modified: toFile(s.modified),
      removed: toFile(s.removed),
      inserted: s.inserted,
    })),
    warnings: simulation.warnings,
  }
}

/** `0-6, 9, 11-12`. */
export function indexRanges(indices: readonly number[]): string {
  const parts: string[] = []
  for (let i = 0; i < indices.length; i++) {
    let j = i
    while (j + 1 < indices.length && indices[j + 1] === indices[j] + 1) j++
    parts.push(j === i ? String(indices[i]) : `${indices[i]}-${indices[j]}`)
    i = j
  }
  return parts.join(', ')
}

const n = (value: number): string => value.toLocaleString('en-US')

export function formatCompact(fileArg: string, r: CompactJson): string {
  let out = `${fileArg}: ${n(r.tokens_before)} MARSYS tokens, threshold ${n(r.threshold_tokens)}, target ${n(r.target_tokens)}\n`
  if (!r.triggered) out += `  no compaction: ${r.not_triggered_reason}\n`
  for (const s of r.stages) {
    const status = s.ran
      ? 'ran'
      : s.error
        ? `failed: ${s.error}`
        : `skipped (${s.skipped_reason ?? 'disabled'})`
    const changes = [
      s.modified.length > 0 ? `changed ${indexRanges(s.modified)}` : '',
      s.removed.length > 0 ? `removed ${indexRanges(s.removed)}` : '',
      s.inserted > 0 ? `added ${s.inserted}` : '',
    ].filter((c) => c !== '')
    const tokens = `${n(s.tokens_before)} → ${n(s.tokens_after)}`
    out +=
      `  ${s.name.padEnd(30)} ${status.padEnd(32)} ${tokens.padEnd(18)}${changes.join('; ')}`.trimEnd() + '\n'
  }
  if (r.triggered)
    out += `  result: ${n(r.tokens_after)} tokens, ${r.messages_after} of ${r.messages_before} messages\n`
  for (const warning of r.warnings) out += `  warning: ${warning}\n`
  if (r.out) out += `  written to ${r.out}\n`
  return out
}

export async function runCompact(io: CliIo, args: ParsedArgs): Promise<number> {
  const fileArg = args.positionals[0]
  const config = await configFromArgs(io, args)
  const model = await modelFromArgs(args)
  const file = await openInputFile(io.cwd, fileArg)
  if (file.memoryType === 'kg')
    throw new CliError(`${fileArg}: a kg memory holds facts, not a conversation: MARSYS does not compact it`)
  const verdict = diagnoseMarsysFile(file)
  if (!verdict.marsysLoadable) {
    const first = verdict.errors[0]
    const where = first?.line !== undefined ? `line ${first.line}, column ${first.column}, ` : ''
    throw new CliError(
      `${fileArg}: MARSYS cannot load this file, so it never compacts it: ${where}${first?.path ?? '$'}: ${first?.message ?? 'invalid'} (validate lists every problem)`,
    )
  }
  const input = compactionInput(file)
  let simulation: CompactionSimulation
  try {
    simulation = await simulateCompaction(input.messages, config, {
      model,
      agentInstruction: stringValue(args, 'agent-instruction') ?? null,
      provider: stringValue(args, 'provider') ?? null,
      force: flagValue(args, 'force'),
    })
  } catch (error) {
    if (error instanceof CompactionModelError || error instanceof CompactionInputError)
      throw new CliError(`${fileArg}: ${error.message}`)
    throw error
  }
  if (file.memoryType !== 'managed_conversation') {
    simulation.warnings.push(
      `memory_type is ${file.memoryType ?? '(none)'}: MARSYS compacts only managed_conversation memories; simulated as if it were one`,
    )
  }
  const report = compactJson(simulation, input.fileIndices, file.messageCount)
  const outArg = stringValue(args, 'out')
  if (outArg !== undefined) {
    const target = resolve(io.cwd, outArg)
    try {
      await atomicWriteFile(target, compactedFileBytes(file, input, simulation), {
        backup: existsSync(target),
      })
    } catch (error) {
      throw new CliError(describeFsError(outArg, error))
    }
    report.out = outArg
  }
  io.stdout(flagValue(args, 'json') ? JSON.stringify(report, null, 2) + '\n' : formatCompact(fileArg, report))
  return EXIT_OK
}

export const compactCommand: CliCommand = {
  name: 'compact',
  usage: 'compact [options] [--json] [-o OUT] FILE',
  summary: "simulate MARSYS's compaction; -o writes the result",
  args: {
    options: {
      json: { type: 'boolean' },
      out: { type: 'string', short: 'o' },
      'threshold-tokens': { type: 'string' },
      'target-ratio': { type: 'string' },
      processors: { type: 'string' },
      summarizer: { type: 'string' },
      config: { type: 'string' },
      force: { type: 'boolean' },
      'agent-instruction': { type: 'string' },
      provider: { type: 'string' },
      ...LLM_OPTIONS,
    },
    min: 1,
    max: 1,
  },
  run: runCompact,
}
