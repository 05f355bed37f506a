export { PyNumber } from './pyNumber'
export { PyObject, type PyEntry, type PyValue } from './pyObject'
export { isPyObject, isPyNumber, asNumber, isTruthy } from './pyPredicates'
export { JsonSyntaxError, type JsonSyntaxErrorInit } from './jsonSyntaxError'
export { parsePyJson, type ParseOptions } from './parse'
export { dumpPyJson, type DumpOptions } from './dump'
export { pyFloatRepr, formatJsNumber, isPyIntNumber } from './floatRepr'
export { quotePyString } from './escapeString'
export {
  toPlain,
  fromPlain,
  keepKeyOrder,
  hasKeptKeyOrder,
  isNaturalKeyOrder,
  setOwn,
  type PlainJson,
} from './plain'
export { lineColumnAt, contextAt, describeFoundAt } from './errorPosition'
export { formatJsonPath, formatShortJsonPath, type PathSegment } from './jsonPath'
export {
  CPYTHON_JSON_MAX_DEPTH,
  PY_JSON_MAX_DEPTH,
  PY_JSON_MAX_DEPTH_ANY_PYTHON,
  pythonNestingNote,
  NestingTooDeepError,
  JsonNestingError,
  findDeepNestingInText,
  findDeepNestingInValue,
  nestingTooDeep,
} from './nesting'
