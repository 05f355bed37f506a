import { JsonNestingError, JsonSyntaxError, NestingTooDeepError } from '../../shared/pyjson'
import { isErrorCode, type ErrorInfo } from '../../shared/result'
import { AppError } from '../engine/appError'

const NODE_IO_CODES: Record<string, ErrorInfo['code']> = {
  ENOENT: 'NOT_FOUND',
  EISDIR: 'INVALID_INPUT',
  ENOTDIR: 'INVALID_INPUT',
  EACCES: 'IO_ERROR',
  EPERM: 'IO_ERROR',
  EBUSY: 'IO_ERROR',
  ENOSPC: 'IO_ERROR',
  EROFS: 'IO_ERROR',
}

/**
 * Turns anything thrown by a handler into the contract's error shape. Engine errors expose a `code` that is
 * either one of ours or a Node errno; anything else is INTERNAL, and its message is kept (never a stack).
 */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof AppError) {
    return error.details
      ? { code: error.code, message: error.message, details: error.details }
      : { code: error.code, message: error.message }
  }
  if (error instanceof JsonSyntaxError) {
    const where = { line: error.line, column: error.column }
    const details = error instanceof JsonNestingError ? { path: error.path, ...where } : where
    return { code: 'PARSE_ERROR', message: error.message, details }
  }
  if (error instanceof NestingTooDeepError)
    return { code: 'UNSUPPORTED', message: error.message, details: { path: error.path } }
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    // A recursive walk met data nested deeper than it can follow: say so instead of V8's bare message.
    return {
      code: 'UNSUPPORTED',
      message: `The data is nested too deeply to handle (${error.message})`,
    }
  }
  if (error instanceof Error) {
    const withCode = error as Error & { code?: unknown; details?: unknown; path?: unknown }
    const details =
      typeof withCode.details === 'object' && withCode.details !== null
        ? (withCode.details as ErrorInfo['details'])
        : undefined
    if (isErrorCode(withCode.code)) {
      return details
        ? { code: withCode.code, message: error.message, details }
        : { code: withCode.code, message: error.message }
    }
    if (typeof withCode.code === 'string' && withCode.code in NODE_IO_CODES) {
      const file = typeof withCode.path === 'string' ? withCode.path : undefined
      return {
        code: NODE_IO_CODES[withCode.code],
        message: error.message,
        ...(file ? { details: { file } } : {}),
      }
    }
    return { code: 'INTERNAL', message: error.message || error.name }
  }
  return { code: 'INTERNAL', message: String(error) }
}
