import type { ErrorCode, ErrorDetails } from '../../shared/result'

/** An error that knows its contract error code. Engine errors either are one or carry a `code` the mapper reads. */
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
