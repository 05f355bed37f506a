export {
  MarsysFile,
  type ByteSpan,
  type ScanProgress,
  type BackgroundScanOptions,
  type MessagesKind,
} from './marsysFile'
export { type TopLevelEntry, type JsonKind } from './scanner'
export {
  saveMarsysFile,
  saveMarsysFileChunks,
  createMarsysFile,
  keepMessage,
  newMessage,
  pythonTimeNow,
  type MessageSource,
  type MarsysChanges,
} from './writer'
export { type LineColumn } from './bytePosition'
export {
  diagnoseMarsysBuffer,
  diagnoseMarsysFile,
  syntaxDiagnostic,
  MEMORY_TYPES,
  type Diagnostic,
  type MarsysVerdict,
} from './diagnostics'
export { formatJsonPath, locatePath, type PathSegment } from './locatePath'
export { checkMessage, pyTypeName, type MessageProblem } from './messageRules'
