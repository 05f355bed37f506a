import { basename } from 'node:path'
import { JsonSyntaxError } from '../../../shared/pyjson'
import type { Diagnostic, DocumentErrorView, DocumentSummary } from '../../../shared/model/document'
import { MarsysFile } from '../marsys/codec/marsysFile'
import { contentHash } from './contentHash'
import { DocumentIndex, type CountTokens } from './documentIndex'
import type { MessageSource } from './messageSource'

export interface FileDiagnostics {
  marsysLoadable: boolean
  errors: Diagnostic[]
  warnings: Diagnostic[]
}

export type Diagnose = (file: MarsysFile, syntaxError: JsonSyntaxError | undefined) => FileDiagnostics

export interface LoadedBytes {
  bytes: Buffer
  mtimeMs: number
}

const CONTEXT_LINES = 3

/** One open MARSYS file: its bytes, the codec's structural index, our per-message index and its diagnostics. */
export class MarsysDocument {
  readonly name: string
  file!: MarsysFile
  index!: DocumentIndex
  diagnostics!: FileDiagnostics
  hash!: string
  mtimeMs = 0
  revision = 0
  dirty = false
  syntaxError: JsonSyntaxError | undefined

  constructor(
    readonly id: string,
    public path: string,
    loaded: LoadedBytes,
    private readonly countTokens: CountTokens,
    private readonly diagnose: Diagnose,
  ) {
    this.name = basename(path)
    this.load(loaded)
  }

  /** (Re)reads the bytes: a full structural scan (bytes only, fast), then an index filled in chunks. */
  load({ bytes, mtimeMs }: LoadedBytes): void {
    this.file = MarsysFile.openProgressive(bytes)
    try {
      this.file.scanToEnd()
      this.syntaxError = undefined
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error
      this.syntaxError = error
    }
    this.hash = contentHash(bytes)
    this.mtimeMs = mtimeMs
    this.diagnostics = this.diagnose(this.file, this.syntaxError)
    const unloadable = this.diagnostics.errors.flatMap((d) => (d.messageIndex === undefined ? [] : [d.messageIndex]))
    this.index = new DocumentIndex(this.source(), this.countTokens, unloadable)
    if (this.syntaxError) this.index.buildAll()
  }

  get status(): DocumentSummary['status'] {
    return this.syntaxError ? 'error' : 'ok'
  }

  source(): MessageSource {
    const file = this.file
    const count = this.syntaxError ? 0 : file.messagesKind === 'list' ? file.messageCount : 0
    return { count, plain: (i) => file.decodeMessagePlain(i), raw: (i) => file.messageText(i) }
  }

  summary(): DocumentSummary {
    const index = this.index
    return {
      id: this.id,
      path: this.path,
      name: this.name,
      memoryType: this.syntaxError ? null : (this.file.memoryType ?? null),
      status: this.status,
      messageCount: index.count,
      indexing: !index.complete,
      marsysTokens: index.totalTokens,
      roles: index.rolesMix(),
      toolCalls: index.toolCalls,
      unansweredToolCalls: index.unansweredToolCalls,
      orphanToolResults: index.orphanToolResults,
      bytes: this.file.byteLength,
      modifiedMs: this.mtimeMs,
      marsysLoadable: this.diagnostics.marsysLoadable,
      errorCount: this.diagnostics.errors.length,
      warningCount: this.diagnostics.warnings.length,
      revision: this.revision,
      dirty: this.dirty,
    }
  }

  errorView(): DocumentErrorView | null {
    const error = this.syntaxError
    if (!error) return null
    const text = this.file.buffer.toString('utf8')
    const lines = text.split('\n')
    const first = Math.max(1, error.line - CONTEXT_LINES)
    const last = Math.min(lines.length, error.line + CONTEXT_LINES)
    const context = []
    for (let line = first; line <= last; line++) context.push({ line, text: lines[line - 1].slice(0, 500) })
    return {
      id: this.id,
      path: this.path,
      message: error.message,
      line: error.line,
      column: error.column,
      expected: error.expected,
      context,
      marsysVerdict: 'MARSYS cannot load this file: its loader fails on invalid JSON (json.load raises JSONDecodeError).',
    }
  }
}
