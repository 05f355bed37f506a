/**
 * Typed errors of the MARSYS memory API. Names follow MARSYS (`marsys.agents.exceptions` and the Python built-ins
 * it raises) so a user who knows MARSYS recognises them. Each carries a contract error `code`, which the API layer
 * passes through (see engine/errors.ts).
 */
import type { ErrorCode } from '../../../../shared/result'

/** Base of every error raised on purpose by this API (MARSYS's `AgentFrameworkError`). */
export class MarsysError extends Error {
  readonly code: ErrorCode = 'INVALID_INPUT'

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
  }
}

export interface MessageErrorDetails {
  messageId?: string
  invalidData?: unknown
  expectedFormat?: string
  /** Where in the message the bad value is, e.g. `tool_calls[0].function.arguments`. */
  path?: string
}

/** A message that cannot be built or found (MARSYS `MessageError`). */
export class MessageError extends MarsysError {
  readonly details: MessageErrorDetails

  constructor(message: string, details: MessageErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options)
    this.details = details
  }
}

/** A field of `ToolCallMsg`, `AgentCallMsg` or `MessageContent` with an invalid value (Python `ValueError`). */
export class MarsysValueError extends MarsysError {
  constructor(
    message: string,
    /** The offending field, e.g. `arguments`. */
    readonly field: string,
  ) {
    super(message)
  }
}

/** A memory set up wrongly: unknown type, KG without model, unusable token counter. */
export class AgentConfigurationError extends MarsysError {
  constructor(
    message: string,
    readonly configField?: string,
    readonly configValue?: unknown,
  ) {
    super(message)
  }
}

/**
 * An index outside `0 <= idx < len` (Python `IndexError`; negative indexes are rejected too). The message is
 * MARSYS's, so it contains "out of range" like Python's.
 */
export class MarsysIndexError extends MarsysError {
  constructor(
    message: string,
    readonly index: number,
    readonly length: number,
  ) {
    super(message)
  }
}

/** An operation a memory type does not have (Python `NotImplementedError`). */
export class MarsysNotImplementedError extends MarsysError {
  override readonly code: ErrorCode = 'UNSUPPORTED'
}

export interface MarsysLoadErrorDetails {
  filePath: string
  /** JSONPath of the offending value, `$` for the whole document, e.g. `$.messages[3].tool_calls[0].id`. */
  jsonPath: string
  /** 1-based position for syntax errors. */
  line?: number
  column?: number
}

/**
 * A memory file that cannot be loaded. MARSYS means to raise `AgentFrameworkError` here but its constructor call
 * is broken, so callers get a `TypeError`; we raise this instead, naming the file, where in it, and the cause.
 */
export class MarsysLoadError extends MarsysError {
  override readonly code: ErrorCode = 'PARSE_ERROR'
  readonly filePath: string
  readonly jsonPath: string
  readonly line?: number
  readonly column?: number

  constructor(reason: string, details: MarsysLoadErrorDetails, options?: { cause?: unknown }) {
    const where =
      details.line === undefined
        ? details.jsonPath
        : `${details.jsonPath} (line ${details.line}, column ${details.column})`
    super(`Failed to load memory from ${details.filePath} at ${where}: ${reason}`, options)
    this.filePath = details.filePath
    this.jsonPath = details.jsonPath
    this.line = details.line
    this.column = details.column
  }

  /** In the contract's ErrorDetails shape. */
  get details(): { file: string; path: string; line?: number; column?: number } {
    return { file: this.filePath, path: this.jsonPath, line: this.line, column: this.column }
  }
}
