import {
  JsonSyntaxError,
  PY_JSON_MAX_DEPTH,
  formatShortJsonPath,
  pythonNestingNote,
} from '../../../../shared/pyjson'
import { MarsysFile } from './marsysFile'
import { checkMessage, pyTypeName } from './messageRules'
import { formatJsonPath, locatePath, type PathSegment } from './locatePath'
import { MESSAGES_KEY } from './scanner'

import type { Diagnostic } from '../../../../shared/model/document'

export type { Diagnostic }

export interface MarsysVerdict {
  /** Whether MARSYS's own `load_from_file` would load this file. */
  marsysLoadable: boolean
  /** Problems that make MARSYS's load fail (or make the file unreadable). */
  errors: Diagnostic[]
  /** Problems MARSYS tolerates (or that only MARSYS refuses, such as a BOM, while we still open the file). */
  warnings: Diagnostic[]
}

export const MEMORY_TYPES = ['conversation_history', 'managed_conversation', 'kg'] as const

/** Past this many, further diagnostics of one severity are summarised in one line. */
const MAX_REPORTED = 200

/** The verdict for raw bytes: a file that is not even valid JSON gets its syntax error with a position. */
export function diagnoseMarsysBuffer(buffer: Buffer): MarsysVerdict & { file?: MarsysFile } {
  let file: MarsysFile
  try {
    file = MarsysFile.open(buffer)
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e
    return { marsysLoadable: false, errors: [syntaxDiagnostic(e)], warnings: [] }
  }
  return { ...diagnoseMarsysFile(file), file }
}

export function syntaxDiagnostic(e: JsonSyntaxError): Diagnostic {
  const diagnostic: Diagnostic = {
    message: `invalid JSON: ${e.message}`,
    path: '$',
    line: e.line,
    column: e.column,
  }
  if (e.context) diagnostic.context = e.context
  return diagnostic
}

export interface DiagnoseOptions {
  /**
   * Check every message's content (decodes each one). The app turns this off when it opens a file: it checks
   * messages one by one while indexing them in the background, so the first rows are not held up.
   */
  messages?: boolean
}

/** MARSYS's loader rules (spec §3) applied to an opened file. */
export function diagnoseMarsysFile(file: MarsysFile, options: DiagnoseOptions = {}): MarsysVerdict {
  return new Diagnoser(file, options.messages ?? true).run()
}

class Diagnoser {
  private readonly errors: Diagnostic[] = []
  private readonly warnings: Diagnostic[] = []
  private readonly lines: ReturnType<MarsysFile['lineCounter']>
  private refusedByMarsys = false
  private omitted = { errors: 0, warnings: 0 }

  constructor(
    private readonly file: MarsysFile,
    private readonly checkContents: boolean,
  ) {
    this.lines = file.lineCounter()
  }

  run(): MarsysVerdict {
    const file = this.file.scanToEnd()
    if (file.hasBom) {
      this.refusedByMarsys = true
      this.add(
        'warnings',
        'the file starts with a UTF-8 BOM: MARSYS refuses it ("Unexpected UTF-8 BOM"); saving with stripBom fixes that',
        [],
        0,
      )
    }
    if (file.invalidUtf8Offset >= 0) {
      this.add('errors', 'the file is not valid UTF-8 (MARSYS cannot decode it)', [], file.invalidUtf8Offset)
    } else if (file.hasRawNonAscii) {
      this.add(
        'warnings',
        'the file holds raw non-ASCII text: MARSYS reads it only under a UTF-8 locale (MARSYS itself writes pure ASCII)',
        [],
        file.textStart,
      )
    }
    if (file.topLevelKind !== 'object') {
      this.add(
        'errors',
        `the top level is a JSON ${file.topLevelKind}, not an object (MARSYS needs an object)`,
        [],
        file.textStart,
      )
      return this.verdict()
    }
    // Past the nesting limit nothing more is decoded: MARSYS stops at the RecursionError too.
    if (this.checkNesting()) return this.verdict()
    this.checkTopLevel()
    this.checkMessages()
    return this.verdict()
  }

  private checkNesting(): boolean {
    const deep = this.file.deepNesting
    if (!deep) return false
    const { line, column } = this.lines.at(deep.offset)
    const path = formatShortJsonPath(deep.segments)
    // An error even when 3.13 would read it: MARSYS supports 3.12, where this file fails.
    this.errors.push({
      message: `nested more than ${PY_JSON_MAX_DEPTH} levels deep at ${path}: ${pythonNestingNote(deep.beyondEveryPython)}`,
      path,
      line,
      column,
    })
    return true
  }

  private checkTopLevel(): void {
    const file = this.file
    const seen = new Set<string>()
    for (const entry of file.entries) {
      if (seen.has(entry.key)) {
        this.add(
          'warnings',
          `duplicate top-level key '${entry.key}' (Python keeps the last one)`,
          [entry.key],
          entry.keyStart,
        )
      }
      seen.add(entry.key)
    }
    for (const key of new Set(file.unknownKeys)) {
      this.add(
        'warnings',
        `unknown top-level key '${key}' (ignored by MARSYS)`,
        [key],
        file.entry(key)!.keyStart,
      )
    }

    const memoryType = file.entry('memory_type')
    if (!memoryType)
      this.add(
        'warnings',
        "no 'memory_type': MARSYS logs a type mismatch and loads anyway",
        [],
        file.textStart,
      )
    else {
      const value = file.memoryTypeValue
      if (typeof value !== 'string' || !(MEMORY_TYPES as readonly string[]).includes(value)) {
        this.add(
          'warnings',
          `unknown memory_type ${JSON.stringify(value)}: MARSYS logs a type mismatch and loads anyway`,
          ['memory_type'],
          memoryType.valueStart,
        )
      }
    }

    const messages = file.entry(MESSAGES_KEY)
    if (messages && file.messagesKind === 'other') {
      const type = pyTypeName(file.decodeEntry(MESSAGES_KEY))
      if (type === 'str' || type === 'dict') {
        this.add(
          'warnings',
          `'messages' is a ${type}, not a list: MARSYS iterates it and skips every item, loading nothing`,
          [MESSAGES_KEY],
          messages.valueStart,
        )
      } else {
        this.add(
          'errors',
          `'messages' must be a list, got ${type} (MARSYS fails: not iterable)`,
          [MESSAGES_KEY],
          messages.valueStart,
        )
      }
    }
  }

  private checkMessages(): void {
    const file = this.file
    let dictMessages = 0
    for (let i = 0; i < file.messageCount; i++) {
      const start = file.messageStart(i)
      const kind = file.messageKind(i)
      if (kind !== 'object') {
        this.add(
          'warnings',
          `message ${i} is a JSON ${kind}, not an object: MARSYS skips it`,
          [MESSAGES_KEY, i],
          start,
          i,
        )
        continue
      }
      dictMessages++
      if (!this.checkContents) continue
      const value = file.decodeMessagePlain(i) as { [key: string]: never }
      for (const problem of checkMessage(value, file.memoryType)) {
        const offset = problem.path.length ? locatePath(file.buffer, start, problem.path) : start
        this.add(
          problem.severity === 'error' ? 'errors' : 'warnings',
          `message ${i}: ${problem.message}`,
          [MESSAGES_KEY, i, ...problem.path],
          offset,
          i,
        )
      }
    }
    if (dictMessages > 0 && file.memoryType === 'kg') {
      this.add(
        'warnings',
        "kg memory: MARSYS's loader re-adds each fact with asyncio.create_task, so loading works only inside a running event loop",
        [MESSAGES_KEY],
        file.entry(MESSAGES_KEY)!.valueStart,
      )
    }
  }

  private add(
    severity: 'errors' | 'warnings',
    message: string,
    path: PathSegment[],
    offset: number,
    messageIndex?: number,
  ): void {
    const list = this[severity]
    if (list.length >= MAX_REPORTED) {
      this.omitted[severity]++
      return
    }
    const { line, column } = this.lines.at(offset)
    const diagnostic: Diagnostic = { message, path: formatJsonPath(path), line, column }
    if (messageIndex !== undefined) diagnostic.messageIndex = messageIndex
    list.push(diagnostic)
  }

  private verdict(): MarsysVerdict {
    for (const severity of ['errors', 'warnings'] as const) {
      const more = this.omitted[severity]
      if (more > 0) this[severity].push({ message: `… and ${more} more ${severity}`, path: '$' })
    }
    return {
      marsysLoadable: this.errors.length === 0 && !this.refusedByMarsys,
      errors: this.errors,
      warnings: this.warnings,
    }
  }
}
