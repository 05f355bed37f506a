import { flagValue, stringValue } from '../args'
import type { CliCommand } from '../command'
import { openFileConversation } from '../../engine/conversations/files/fileConversation'
import { FLAG_BIT } from '../../engine/conversations/index/flags'
import { MarsysFile } from '../../engine/marsys/codec'
import { marsysMessageTexts } from '../../engine/tokens/marsysMessageTexts'
import { BPE_ENCODINGS, isBpeEncoding, type BpeEncoding } from '../../engine/tokens/messageTokens'
import { TokenService, type TokenServiceOptions } from '../../engine/tokens/tokenService'
import { UsageError } from '../cliErrors'
import { EXIT_OK, type CliIo } from '../io'
import { openInputFile } from './openInput'

/** Every counter's figure: MARSYS's, and one per BPE encoding asked for (chat overhead included). */
export type TokenFigures = { marsys: number } & Partial<Record<BpeEncoding, number>>

export interface StatsJson {
  memory_type: string | null
  messages: number
  by_role: Record<string, number>
  /** MARSYS's DefaultTokenCounter total over the messages MARSYS would load (dict entries). */
  marsys_tokens: number
  tool_calls: number
  unanswered_tool_calls: number
  orphan_tool_results: number
  bytes: number
  /** With --per-message: tokens of each message, null for entries MARSYS skips (not objects). */
  per_message?: (number | null)[]
  /** With --tokenizers: the totals of MARSYS and of each encoding (reply priming included). */
  tokens?: TokenFigures
  /** With --tokenizers and --per-message: each message's figures, null for entries MARSYS skips. */
  per_message_tokens?: (TokenFigures | null)[]
}

/**
 * The figures of one file, from the same conversation engine as the app: roles, MARSYS tokens and tool-call pairing
 * (unanswered calls, orphan results) are what the app shows for it.
 */
export function computeStats(file: MarsysFile, perMessage: boolean, path = ''): StatsJson {
  const { index } = openFileConversation(path, file)
  const notAnObject = FLAG_BIT['not-an-object']
  const stats: StatsJson = {
    memory_type: file.memoryType ?? null,
    messages: index.count,
    by_role: index.rolesMix(),
    marsys_tokens: index.totalTokens,
    tool_calls: index.toolCalls,
    unanswered_tool_calls: index.unansweredToolCalls,
    orphan_tool_results: index.orphanToolResults,
    bytes: file.byteLength,
  }
  if (perMessage)
    stats.per_message = Array.from(index.tokens, (tokens, i) =>
      index.flagBits[i] & notAnObject ? null : tokens,
    )
  return stats
}

/**
 * Adds real BPE counts (in worker threads) to the stats: totals, and per message when asked. `service` options
 * choose the worker script (tests run it from source).
 */
export async function addTokenFigures(
  file: MarsysFile,
  stats: StatsJson,
  encodings: readonly BpeEncoding[],
  perMessage: boolean,
  service: TokenServiceOptions = {},
): Promise<StatsJson> {
  const tokens = new TokenService(service)
  try {
    const result = await tokens.count(marsysMessageTexts(file), { encodings })
    const figures = (of: { marsys: number | null } & Partial<Record<BpeEncoding, { total: number }>>) => {
      const out: TokenFigures = { marsys: of.marsys ?? 0 }
      for (const encoding of encodings) out[encoding] = of[encoding]?.total ?? 0
      return out
    }
    stats.tokens = figures(result.totals)
    if (perMessage)
      stats.per_message_tokens = result.messages.map((m) => (m.marsys === null ? null : figures(m)))
    return stats
  } finally {
    await tokens.close()
  }
}

/** `--tokenizers o200k_base,cl100k_base` → the encodings, refusing unknown names. */
export function parseTokenizers(value: string | undefined): BpeEncoding[] {
  if (value === undefined) return []
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '' && name !== 'marsys')
  const unknown = names.find((name) => !isBpeEncoding(name))
  if (unknown !== undefined)
    throw new UsageError(`stats: unknown tokenizer '${unknown}' (known: marsys, ${BPE_ENCODINGS.join(', ')})`)
  return [...new Set(names as BpeEncoding[])]
}

export async function runStats(
  io: CliIo,
  fileArg: string,
  json: boolean,
  perMessage: boolean,
  encodings: readonly BpeEncoding[] = [],
): Promise<number> {
  const file = await openInputFile(io.cwd, fileArg)
  const stats = computeStats(file, perMessage, fileArg)
  if (encodings.length > 0) await addTokenFigures(file, stats, encodings, perMessage)
  io.stdout(json ? JSON.stringify(stats, null, 2) + '\n' : formatStats(fileArg, stats))
  return EXIT_OK
}

export function formatStats(fileArg: string, s: StatsJson): string {
  const roles = Object.entries(s.by_role)
    .map(([role, n]) => `${role} ${n}`)
    .join(', ')
  const rows: [string, string][] = [
    ['memory_type', s.memory_type ?? '(none)'],
    ['messages', `${s.messages}${roles ? ` (${roles})` : ''}`],
    ['MARSYS tokens', s.marsys_tokens.toLocaleString('en-US')],
    ...Object.entries(s.tokens ?? {})
      .filter(([name]) => name !== 'marsys')
      .map(([name, n]): [string, string] => [`${name} tokens`, n.toLocaleString('en-US')]),
    ['tool calls', `${s.tool_calls} (${s.unanswered_tool_calls} unanswered)`],
    ['orphan tool results', String(s.orphan_tool_results)],
    ['size', `${s.bytes.toLocaleString('en-US')} bytes`],
  ]
  let out = `${fileArg}\n` + rows.map(([k, v]) => `  ${k.padEnd(20)} ${v}\n`).join('')
  if (s.per_message) {
    const encodings = Object.keys(s.tokens ?? {}).filter((name) => name !== 'marsys')
    out +=
      `\n  #        ${'tokens'.padEnd(9)}${encodings.map((name) => `  ${name}`).join('')}`.trimEnd() + '\n'
    s.per_message.forEach((n, i) => {
      const figures = encodings.map(
        (name) => `  ${String(s.per_message_tokens?.[i]?.[name as BpeEncoding] ?? '').padStart(name.length)}`,
      )
      const marsys = (n === null ? '(skipped)' : String(n)).padEnd(9)
      out += `  ${String(i).padEnd(8)} ${marsys}${figures.join('')}`.trimEnd() + '\n'
    })
  }
  return out
}

export const statsCommand: CliCommand = {
  name: 'stats',
  usage: 'stats [--json] [--per-message] [--tokenizers o200k_base,cl100k_base] FILE',
  summary: 'message, role, token and tool-call figures for one file',
  args: {
    options: {
      json: { type: 'boolean' },
      'per-message': { type: 'boolean' },
      tokenizers: { type: 'string' },
    },
    min: 1,
    max: 1,
  },
  run: (io, args) =>
    runStats(
      io,
      args.positionals[0],
      flagValue(args, 'json'),
      flagValue(args, 'per-message'),
      parseTokenizers(stringValue(args, 'tokenizers')),
    ),
}
