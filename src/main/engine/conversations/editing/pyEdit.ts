import { JsonSyntaxError, parsePyJson, PyNumber, PyObject, type PyValue } from '../../../../shared/pyjson'
import { AppError } from '../../appError'

/** Parses JSON text from an editor losslessly; a syntax error becomes INVALID_INPUT naming line and column. */
export function parseEditorJson(text: string, what: string): PyValue {
  try {
    return parsePyJson(text)
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      throw new AppError('INVALID_INPUT', `${what} is not valid JSON: ${error.message}`, {
        line: error.line,
        column: error.column,
      })
    }
    throw error
  }
}

/** A deep copy, so edits never change a value an undo step still refers to. */
export function clonePy(value: PyValue): PyValue {
  if (Array.isArray(value)) return value.map(clonePy)
  if (value instanceof PyObject) return new PyObject(value.entries.map(([key, item]) => [key, clonePy(item)]))
  if (value instanceof PyNumber) return new PyNumber(value.raw)
  return value
}

/** The key order `Message.to_llm_dict` writes, so a key we add lands where MARSYS would put it (spec §2.3). */
const KEY_ORDER_TOOL = ['role', 'content', 'tool_call_id', 'name']
const KEY_ORDER_OTHER = ['role', 'content', 'name', 'tool_calls', 'reasoning_details']

export function setInMarsysOrder(message: PyObject, key: string, value: PyValue): void {
  if (message.has(key)) {
    message.set(key, value)
    return
  }
  const order = message.get('role') === 'tool' ? KEY_ORDER_TOOL : KEY_ORDER_OTHER
  const rank = order.indexOf(key)
  if (rank < 0) {
    message.set(key, value)
    return
  }
  // After the last present key that MARSYS writes before this one; unknown keys keep their places.
  let insertAt = 0
  message.entries.forEach(([existing], position) => {
    const existingRank = order.indexOf(existing)
    if (existingRank >= 0 && existingRank < rank) insertAt = position + 1
  })
  message.entries.splice(insertAt, 0, [key, value])
}

export function requireObject(value: PyValue, what: string): PyObject {
  if (!(value instanceof PyObject)) throw new AppError('INVALID_INPUT', `${what} must be a JSON object`)
  return value
}
