/**
 * The envelope every contract call returns. Electron only carries an Error's message across IPC, so the error
 * code travels as data, and both doors (IPC and HTTP) return exactly this shape.
 */
export const ERROR_CODES = [
  'NOT_FOUND',
  'INVALID_INPUT',
  'PARSE_ERROR',
  'CONFLICT',
  'IO_ERROR',
  'LOCKED',
  'UNSUPPORTED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'INTERNAL',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** Where a problem is: the file, a JSON path such as `$.messages[3].role`, and a 1-based line:column. */
export interface ErrorDetails {
  file?: string
  path?: string
  line?: number
  column?: number
  messageIndex?: number
  [key: string]: unknown
}

export interface ErrorInfo {
  code: ErrorCode
  message: string
  details?: ErrorDetails
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo }

export const ok = <T>(data: T): Result<T> => ({ ok: true, data })

export const fail = (code: ErrorCode, message: string, details?: ErrorDetails): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
})

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
