import type { ErrorCode, ErrorDetails, ErrorInfo } from '../../../shared/result'

/** A failed contract call, with the code and the where (file, JSON path, line:column) main sent. */
export class ApiError extends Error {
  readonly code: ErrorCode
  readonly details?: ErrorDetails

  constructor(info: ErrorInfo) {
    super(info.message)
    this.name = 'ApiError'
    this.code = info.code
    this.details = info.details
  }
}
