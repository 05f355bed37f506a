import type { ErrorCode, ErrorDetails } from '../../shared/result'

/**
 * An error that knows its contract error code (NOT_FOUND, PARSE_ERROR, CONFLICT, …) and where it happened. The
 * API layer passes code and details through unchanged; other errors with a `code` are mapped the same way.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message)
    this.name = 'AppError'
  }
}
