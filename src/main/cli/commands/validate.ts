import { flagValue } from '../args'
import type { CliCommand } from '../command'
import { diagnoseMarsysBuffer, type Diagnostic } from '../../engine/marsys/codec'
import { CliError } from '../cliErrors'
import { EXIT_FAILED, EXIT_OK, type CliIo } from '../io'
import { readInputFile } from '../readInput'

export interface DiagnosticJson {
  message: string
  path: string
  line: number | null
  column: number | null
}

export interface ValidateResultJson {
  file: string
  /** No errors: the file opens (warnings allowed). */
  ok: boolean
  memory_type: string | null
  messages: number | null
  marsys_loadable: boolean
  errors: DiagnosticJson[]
  warnings: DiagnosticJson[]
}

/** Syntax errors carry the surrounding text; kept apart from the JSON shape. */
interface ValidateResult extends ValidateResultJson {
  context?: string
}

export async function validateFile(cwd: string, file: string): Promise<ValidateResult> {
  const base = { file, memory_type: null, messages: null, marsys_loadable: false, warnings: [] }
  let bytes: Buffer
  try {
    bytes = (await readInputFile(cwd, file)).bytes
  } catch (e) {
    if (!(e instanceof CliError)) throw e
    return { ...base, ok: false, errors: [{ message: e.message, path: '$', line: null, column: null }] }
  }
  const verdict = diagnoseMarsysBuffer(bytes)
  const result: ValidateResult = {
    file,
    ok: verdict.errors.length === 0,
    memory_type: verdict.file?.memoryType ?? null,
    messages: verdict.file && verdict.file.topLevelKind === 'object' ? verdict.file.messageCount : null,
    marsys_loadable: verdict.marsysLoadable,
    errors: verdict.errors.map(toJson),
    warnings: verdict.warnings.map(toJson),
  }
  const context = verdict.errors.find((d) => d.context)?.context
  if (context) result.context = context
  return result
}

const toJson = (d: Diagnostic): DiagnosticJson => ({
  message: d.message,
  path: d.path,
  line: d.line ?? null,
  column: d.column ?? null,
})

export async function runValidate(io: CliIo, files: readonly string[], json: boolean): Promise<number> {
  const results: ValidateResult[] = []
  for (const file of files) results.push(await validateFile(io.cwd, file))
  if (json) {
    io.stdout(
      JSON.stringify(
        results.map(({ context: _context, ...r }) => r),
        null,
        2,
      ) + '\n',
    )
  } else {
    io.stdout(results.map(formatResult).join('\n'))
  }
  return results.every((r) => r.ok) ? EXIT_OK : EXIT_FAILED
}

export function formatResult(r: ValidateResult): string {
  const summary =
    r.messages === null ? '' : ` (${r.memory_type ?? 'no memory_type'}, ${plural(r.messages, 'message')})`
  const verdict = r.marsys_loadable ? 'MARSYS can load it' : 'MARSYS cannot load it'
  const status = !r.ok
    ? 'INVALID'
    : r.warnings.length
      ? `OK with ${plural(r.warnings.length, 'warning')}`
      : 'OK'
  const lines = [`${r.file}: ${status} — ${verdict}${summary}`]
  for (const [label, list] of [
    ['error', r.errors],
    ['warning', r.warnings],
  ] as const) {
    for (const d of list) {
      const where = d.line === null ? '' : `line ${d.line}, column ${d.column}  `
      lines.push(`  ${label.padEnd(7)} ${where}${d.path}  ${d.message}`)
    }
  }
  if (r.context) lines.push(...r.context.split('\n').map((l) => `      ${l}`))
  return lines.join('\n') + '\n'
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

export const validateCommand: CliCommand = {
  name: 'validate',
  usage: 'validate [--json] FILE...',
  summary: 'check MARSYS memory files; exit 1 if any has errors',
  args: { options: { json: { type: 'boolean' } }, min: 1, max: Infinity },
  run: (io, args) => runValidate(io, args.positionals, flagValue(args, 'json')),
}
