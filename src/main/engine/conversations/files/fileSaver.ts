import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Diagnostic } from '../../../../shared/model/document'
import type { SaveOptions } from '../../../../shared/model/edit'
import { atomicWriteFile, writeChunks } from '../../fs/atomicWrite'
import { pythonTimeNow, saveMarsysFileChunks } from '../../marsys/codec/writer'
import { AppError } from '../../appError'
import { FLAG_BIT } from '../index/flags'
import { fileHash } from './contentHash'
import { diskStamp, diskStampOf } from './diskStamp'
import type { Conversation } from '../conversation'
import { ADDITIONAL_STATE, type MarsysFileSource } from './marsysFileSource'

export interface WrittenFile {
  path: string
  bytes: number
  backupPath: string | null
}

export type FileConversation = Conversation<MarsysFileSource>

/** The bytes the conversation would save now, as chunks (mostly views of the file's own buffer). */
export function renderDocumentChunks(document: FileConversation, timestamp = pythonTimeNow()): Buffer[] {
  if (!document.hasEdits()) return [document.source.file.buffer]
  const additionalState = document.fieldSlot(ADDITIONAL_STATE)
  return saveMarsysFileChunks(document.source.file, {
    messages: document.items,
    ...(additionalState ? { additionalState } : {}),
    timestamp,
  })
}

/** The bytes the document would save now: untouched messages verbatim, edited ones as MARSYS writes them. */
export function renderDocument(document: FileConversation, timestamp = pythonTimeNow()): Buffer {
  const chunks = renderDocumentChunks(document, timestamp)
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)
}

/**
 * Why MARSYS's loader would refuse the document as it stands: the file-level verdict (BOM, top level, the
 * `messages` list — edits cannot change those) plus each current message's own check, done while indexing.
 */
function loaderProblems(document: FileConversation): Diagnostic[] {
  const { diagnostics } = document.source
  const problems: Diagnostic[] = diagnostics.errors.filter((d) => d.messageIndex === undefined)
  if (!diagnostics.marsysLoadable && problems.length === 0)
    problems.push(...diagnostics.warnings.filter((d) => d.messageIndex === undefined))
  for (const i of refusedMessages(document)) {
    if (problems.length >= 20) break
    for (const problem of document.analysisAt(i).problems) {
      if (problem.severity === 'error')
        problems.push({
          message: `message ${i}: ${problem.message}`,
          path: `$.messages[${i}]${problem.subPath}`,
          messageIndex: i,
        })
    }
  }
  return problems
}

/**
 * The positions of messages MARSYS's loader would refuse, in order. A complete index knows them from its flags (a
 * save then looks at those alone); otherwise every message is checked.
 */
function* refusedMessages(document: FileConversation): Generator<number> {
  const { index, items } = document
  const flagged = index.complete && index.count === items.length
  if (flagged && index.unloadableMessages === 0) return
  const unloadable = FLAG_BIT['marsys-unloadable']
  for (let i = 0; i < items.length; i++) {
    if (!flagged || (index.flagBits[i] & unloadable) !== 0) yield i
  }
}

/**
 * Writes the document to `path` (its own path, or a new one for Save As) after two guards: MARSYS's loader must
 * accept the result (unless `allowUnloadable`), and a file changed on disk since we read or wrote it is never
 * silently overwritten (unless `overwrite`). The write is atomic and keeps the previous version as `<name>.bak`.
 */
export async function writeDocument(
  document: FileConversation,
  targetPath: string,
  options: SaveOptions,
): Promise<WrittenFile> {
  const path = resolve(targetPath)
  const file = document.source
  if (!options.allowUnloadable) {
    const problems = loaderProblems(document)
    if (problems.length > 0) {
      throw new AppError(
        'CONFLICT',
        `MARSYS's loader would refuse the saved file: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
        {
          file: path,
          reason: 'marsys-unloadable',
          problems,
        },
      )
    }
  }
  const sameFile = path === file.path
  const onDisk = await diskStamp(path)
  if (!options.overwrite) {
    if (sameFile && onDisk === null) {
      throw new AppError('CONFLICT', `${document.displayName} was deleted on disk since it was opened`, {
        file: path,
        reason: 'missing-on-disk',
      })
    }
    // The stamp says whether anything touched the file; only then are its bytes read and compared.
    if (sameFile && onDisk !== file.stamp && (await fileHash(path)) !== file.hash) {
      throw new AppError(
        'CONFLICT',
        `${document.displayName} changed on disk since it was opened: reload it (dropping your edits), overwrite it, or save as a new file`,
        { file: path, reason: 'changed-on-disk' },
      )
    }
    if (!sameFile && onDisk !== null) {
      throw new AppError('CONFLICT', `${path} already exists; confirm to overwrite it`, {
        file: path,
        reason: 'target-exists',
      })
    }
  }
  const chunks = renderDocumentChunks(document)
  let recorded = null as { undo: () => void } | null
  try {
    await atomicWriteFile(path, chunks, {
      backup: true,
      write: async (handle, data) => {
        await writeChunks(handle, data)
        // Before the rename: the watcher may see the new file at once and compare it with what we wrote.
        if (sameFile) recorded = file.recordWritten(data)
      },
    })
  } catch (error) {
    recorded?.undo()
    throw error
  }
  if (!sameFile) file.recordWritten(chunks)
  const written = await stat(path, { bigint: true })
  file.stamp = diskStampOf(written)
  file.mtimeMs = Number(written.mtimeMs)
  file.disk = 'same'
  return {
    path,
    bytes: chunks.reduce((sum, chunk) => sum + chunk.length, 0),
    backupPath: onDisk !== null ? `${path}.bak` : null,
  }
}
