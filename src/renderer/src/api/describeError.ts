import { ApiError } from './apiError'

export interface ErrorDescription {
  message: string
  /** Where the problem is: file, JSON path, line and column, as far as main said. */
  where: string | null
  code: string | null
}

/** A readable message and "where" for anything thrown, ApiError or not. */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof ApiError) {
    const details = error.details ?? {}
    const parts: string[] = []
    if (details.file) parts.push(details.file)
    if (details.path) parts.push(details.path)
    if (details.line !== undefined)
      parts.push(`line ${details.line}${details.column !== undefined ? `, column ${details.column}` : ''}`)
    if (details.messageIndex !== undefined && !details.path) parts.push(`message #${details.messageIndex}`)
    return { message: error.message, where: parts.length > 0 ? parts.join(' · ') : null, code: error.code }
  }
  if (error instanceof Error) return { message: error.message, where: null, code: null }
  return { message: String(error), where: null, code: null }
}

export const errorText = (error: unknown): string => {
  const { message, where } = describeError(error)
  return where ? `${message} (${where})` : message
}
