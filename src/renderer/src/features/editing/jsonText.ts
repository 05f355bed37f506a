import { dumpPyJson, JsonSyntaxError, parsePyJson, PyObject } from '../../../../shared/pyjson'

export interface JsonProblem {
  message: string
  line: number
  column: number
  /** Where in the text, for the editor's underline. */
  offset: number
}

/** Why `text` is not JSON as main reads it (Python's rules: NaN and Infinity allowed), or null when it is. */
export function jsonProblem(text: string): JsonProblem | null {
  try {
    parsePyJson(text)
    return null
  } catch (error) {
    if (error instanceof JsonSyntaxError)
      return {
        message: `Line ${error.line}, column ${error.column}: expected ${error.expected} but found ${error.found}`,
        line: error.line,
        column: error.column,
        offset: error.offset,
      }
    return { message: (error as Error).message, line: 1, column: 1, offset: 0 }
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** A value as editable JSON: indented, non-ASCII as itself unless that would lose a lone surrogate. */
export function editableJson(value: unknown): string {
  const readable = dumpPyJson(value, { indent: 2, ensureAscii: false })
  return LONE_SURROGATE.test(readable) ? dumpPyJson(value, { indent: 2 }) : readable
}

/**
 * The `content` of a message as editable JSON, taken from the message's exact text so numbers such as `5.0`
 * and key order survive; null when the message is not an object or has no content key.
 */
export function contentJsonOf(raw: string): string | null {
  try {
    const message = parsePyJson(raw)
    if (!(message instanceof PyObject) || !message.has('content')) return null
    return editableJson(message.get('content'))
  } catch {
    return null
  }
}
