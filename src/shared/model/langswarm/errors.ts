import type { ErrorCode, ErrorDetails } from '../../result'

/**
 * Root of the session engine's errors. `code` is stable and maps one-to-one onto the contract's error codes, so
 * the API layer can translate any of these without string matching.
 */
export abstract class LangswarmMemoryError extends Error {
  abstract readonly code: ErrorCode
  readonly details: ErrorDetails

  constructor(message: string, details: ErrorDetails = {}, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
    this.details = details
  }
}

export class SessionNotFoundError extends LangswarmMemoryError {
  readonly code = 'NOT_FOUND' as const
  constructor(readonly sessionId: string) {
    super(`Session ${JSON.stringify(sessionId)} does not exist`, { sessionId })
  }
}

export class SessionExistsError extends LangswarmMemoryError {
  readonly code = 'CONFLICT' as const
  constructor(readonly sessionId: string) {
    super(`Session ${JSON.stringify(sessionId)} already exists`, { sessionId })
  }
}

/** A session handle that outlived its backend connection or its deletion; fetch the session again. */
export class SessionDetachedError extends LangswarmMemoryError {
  readonly code = 'CONFLICT' as const
  constructor(
    readonly sessionId: string,
    reason: string,
  ) {
    super(`Session ${JSON.stringify(sessionId)} can no longer be used: ${reason}`, { sessionId })
  }
}

export class ValidationError extends LangswarmMemoryError {
  readonly code = 'INVALID_INPUT' as const
}

/** A storage operation failed (I/O error, unreadable or malformed store file). */
export class BackendError extends LangswarmMemoryError {
  readonly code = 'IO_ERROR' as const
  constructor(
    readonly backend: string,
    readonly operation: string,
    cause?: unknown,
    details: ErrorDetails = {},
  ) {
    super(
      `Backend '${backend}' failed during '${operation}'${cause === undefined ? '' : `: ${describeCause(cause)}`}`,
      { backend, operation, ...details },
      { cause },
    )
  }
}

export class StoreLockedError extends LangswarmMemoryError {
  readonly code = 'LOCKED' as const
  constructor(
    readonly storePath: string,
    readonly pid: number | null,
    readonly hostname: string | null,
    /** The lock file, named in the message so a user knows what to remove when its owner is really gone. */
    readonly lockFile: string | null = null,
  ) {
    super(
      `Session store ${storePath} is in use by ${pid === null ? 'another process' : `pid ${pid}`}` +
        (hostname === null ? '' : ` on ${hostname}`) +
        (lockFile === null
          ? ''
          : `. If no Memory Inspector is running${hostname === null ? '' : ` on ${hostname}`}, ` +
            `remove ${lockFile} to take the store over`),
      { file: storePath, pid, hostname, ...(lockFile === null ? {} : { lockFile }) },
    )
  }
}

/** A broken invariant inside the engine: a bug, not a user or disk problem. */
export class InternalError extends LangswarmMemoryError {
  readonly code = 'INTERNAL' as const
}

export const isLangswarmMemoryError = (value: unknown): value is LangswarmMemoryError =>
  value instanceof LangswarmMemoryError

function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.message
  return String(cause)
}

export class MessageExistsError extends LangswarmMemoryError {
  readonly code = 'CONFLICT' as const
  constructor(
    readonly sessionId: string,
    readonly messageId: string,
  ) {
    super(`Session ${JSON.stringify(sessionId)} already has a message with id ${JSON.stringify(messageId)}`, {
      sessionId,
      messageId,
    })
  }
}
