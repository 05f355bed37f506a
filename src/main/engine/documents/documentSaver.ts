import { readFile, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { SaveOptions } from '../../../shared/model/edit'
import { atomicWriteFile } from '../fs/atomicWrite'
import { diagnoseMarsysBuffer } from '../marsys/codec/diagnostics'
import { pythonTimeNow, saveMarsysFileChunks } from '../marsys/codec/writer'
import { AppError } from '../errors'
import { contentHash } from './contentHash'
import type { MarsysDocument } from './marsysDocument'

export interface WrittenFile {
  path: string
  bytes: number
  backupPath: string | null
}

/** The bytes the document would save now: untouched messages verbatim, edited ones as MARSYS writes them. */
export function renderDocument(document: MarsysDocument, timestamp = pythonTimeNow()): Buffer {
  if (!document.hasEdits()) return document.file.buffer
  const chunks = saveMarsysFileChunks(document.file, {
    messages: document.items,
    ...(document.additionalState ? { additionalState: document.additionalState } : {}),
    timestamp,
  })
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)
}

async function hashOnDisk(path: string): Promise<string | null> {
  try {
    return contentHash(await readFile(path))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/**
 * Writes the document to `path` (its own path, or a new one for Save As) after two guards: MARSYS's loader must
 * accept the result (unless `allowUnloadable`), and a file changed on disk since we read or wrote it is never
 * silently overwritten (unless `overwrite`). The write is atomic and keeps the previous version as `<name>.bak`.
 */
export async function writeDocument(document: MarsysDocument, targetPath: string, options: SaveOptions): Promise<WrittenFile> {
  const path = resolve(targetPath)
  const bytes = renderDocument(document)
  if (!options.allowUnloadable) {
    const verdict = diagnoseMarsysBuffer(bytes)
    if (!verdict.marsysLoadable) {
      const reasons = [...verdict.errors, ...verdict.warnings].slice(0, 20)
      throw new AppError('CONFLICT', `MARSYS's loader would refuse the saved file: ${reasons.map((r) => `${r.path}: ${r.message}`).join('; ')}`, {
        file: path,
        reason: 'marsys-unloadable',
        problems: reasons,
      })
    }
  }
  const sameFile = path === document.path
  if (!options.overwrite) {
    const onDisk = await hashOnDisk(path)
    if (sameFile && onDisk !== document.hash) {
      throw new AppError(
        'CONFLICT',
        onDisk === null
          ? `${document.displayName} was deleted on disk since it was opened`
          : `${document.displayName} changed on disk since it was opened: reload it (dropping your edits), overwrite it, or save as a new file`,
        { file: path, reason: onDisk === null ? 'missing-on-disk' : 'changed-on-disk' },
      )
    }
    if (!sameFile && onDisk !== null) {
      throw new AppError('CONFLICT', `${path} already exists; confirm to overwrite it`, { file: path, reason: 'target-exists' })
    }
  }
  const hadFile = (await hashOnDisk(path)) !== null
  const previousHash = document.hash
  // Set the expected hash first: the watcher may see the rename before this function returns.
  if (sameFile) document.hash = contentHash(bytes)
  try {
    await atomicWriteFile(path, bytes, { backup: true })
  } catch (error) {
    if (sameFile) document.hash = previousHash
    throw error
  }
  if (!sameFile) document.hash = contentHash(bytes)
  document.mtimeMs = (await stat(path)).mtimeMs
  document.disk = 'same'
  return { path, bytes: bytes.length, backupPath: hadFile ? `${path}.bak` : null }
}
