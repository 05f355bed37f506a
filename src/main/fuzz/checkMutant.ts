import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { main } from '../cli/main'
import type { CliIo } from '../cli/io'
import type { DiagnosticJson } from '../cli/commands/validate'
import { diagnoseMarsysBuffer, saveMarsysFile, type Diagnostic } from '../engine/marsys/codec'
import type { Mutant } from './mutate'

export interface MutantOutcome {
  /** MARSYS's loader would load it (our verdict). */
  loaded: boolean
  /** For files MARSYS would refuse: the first error, with numbers and quoted names blanked so reasons group. */
  reason?: string
  /** Broken promises: an exception escaped, an error without a place, a resave that changed bytes. */
  failures: string[]
}

/**
 * Runs one mutant through everything a user's bad file meets: the codec's verdict, an untouched resave (must be
 * byte-identical whenever the file opens), and the `validate` and `stats` commands on a copy written to `dir`.
 * Never throws for the mutant's sake: everything wrong is a failure in the outcome.
 */
export async function checkMutant(mutant: Mutant, dir: string): Promise<MutantOutcome> {
  const failures: string[] = []
  const fail = (what: string, e?: unknown): void =>
    void failures.push(e === undefined ? what : `${what}: ${e instanceof Error ? e.stack : String(e)}`)

  let outcome: MutantOutcome = { loaded: false, reason: 'diagnose crashed', failures }
  try {
    const verdict = diagnoseMarsysBuffer(mutant.bytes)
    for (const d of [...verdict.errors, ...verdict.warnings]) checkPlaced(d, fail)
    outcome = { loaded: verdict.marsysLoadable, failures }
    if (!verdict.marsysLoadable)
      outcome.reason = reasonOf(verdict.errors[0]?.message ?? verdict.warnings[0]?.message ?? 'refused')
    if (verdict.file && !verdict.file.syntaxError) {
      try {
        if (!saveMarsysFile(verdict.file).equals(mutant.bytes)) fail('an untouched resave changed the bytes')
      } catch (e) {
        fail('resave threw', e)
      }
    }
  } catch (e) {
    fail('diagnoseMarsysBuffer threw', e)
  }

  const file = join(dir, 'mutant.json')
  await writeFile(file, mutant.bytes)
  await checkValidate(dir, fail)
  await checkStats(dir, fail)
  return outcome
}

/** Every diagnostic says what is wrong and where (a JSON path, or a line and column). */
function checkPlaced(d: Diagnostic | DiagnosticJson, fail: (what: string) => void): void {
  if (!d.message?.trim()) fail(`a diagnostic without a message at ${d.path}`)
  const hasPath = typeof d.path === 'string' && d.path.startsWith('$')
  const hasPosition = typeof d.line === 'number' && typeof d.column === 'number'
  if (!hasPath && !hasPosition) fail(`a diagnostic without a place: ${d.message}`)
}

function capture(cwd: string): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    cwd,
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
  }
  return io
}

async function checkValidate(dir: string, fail: (what: string, e?: unknown) => void): Promise<void> {
  const io = capture(dir)
  const code = await main(['validate', '--json', 'mutant.json'], io)
  if (code !== 0 && code !== 1) return fail(`validate exited ${code}: ${io.err}`)
  if (io.err !== '') return fail(`validate wrote to stderr: ${io.err}`)
  try {
    const [result] = JSON.parse(io.out) as { errors: DiagnosticJson[]; warnings: DiagnosticJson[] }[]
    for (const d of [...result.errors, ...result.warnings]) checkPlaced(d, fail)
  } catch (e) {
    fail('validate --json printed something that is not its report', e)
  }
}

async function checkStats(dir: string, fail: (what: string) => void): Promise<void> {
  const io = capture(dir)
  const code = await main(['stats', '--json', 'mutant.json'], io)
  if (code === 0) return
  // A refusal is one line naming the file and the cause; "unexpected error" means an exception escaped.
  if (code !== 1 || !/^memory-inspector: mutant\.json\b.+\n$/.test(io.err) || /unexpected error/.test(io.err))
    fail(`stats failed badly (exit ${code}): ${io.err}`)
}

/** Groups refusals: `message 3: tool_calls[0] must be a dict, got str` → `message N: tool_calls[N] must be a dict, got str`. */
export function reasonOf(message: string): string {
  return message
    .replace(/line \d+, column \d+: /, '')
    .replace(/'[^']*'/g, "'…'")
    .replace(/\d+/g, 'N')
    .slice(0, 100)
}
