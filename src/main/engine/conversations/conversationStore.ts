import { randomUUID } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import type { EventPayloads } from '../../../shared/contract'
import type { EventName } from '../../../shared/channels'
import type { DocumentSummary, OpenResult, SearchQuery, SearchResult } from '../../../shared/model/document'
import type { DocumentState, EditCommand, SaveOptions, SaveResult } from '../../../shared/model/edit'
import type { DocumentChangeReason } from '../../../shared/contract'
import { writeDocument } from './files/fileSaver'
import { AppError } from '../errors'
import { contentHash } from './files/contentHash'
import type { CountTokens } from './index/conversationIndex'
import { FileWatcher } from './files/fileWatcher'
import { isDirectory, listMemoryFiles } from './files/folderScan'
import { MarsysDocument, type Diagnose } from './conversation'
import type { OpenPolicy } from './files/openPolicy'
import type { RecentFiles } from './files/recentFiles'
import { compileMatcher, searchDocument, type SearchSink } from './views/search'

export type Emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => void

export interface DocumentStoreOptions {
  policy: OpenPolicy
  recent: RecentFiles
  countTokens: CountTokens
  diagnose: Diagnose
  emit: Emit
  /** Messages indexed before `open` answers; the rest are indexed in the background. */
  firstChunk?: number
  chunkSize?: number
  watcher?: FileWatcher
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** The open documents: opening (files and folders), background indexing, live reload, search across them. */
export class DocumentStore {
  private readonly documents = new Map<string, MarsysDocument>()
  private readonly unwatch = new Map<string, () => void>()
  private readonly watcher: FileWatcher
  private readonly firstChunk: number
  private readonly chunkSize: number

  constructor(private readonly options: DocumentStoreOptions) {
    this.watcher = options.watcher ?? new FileWatcher()
    this.firstChunk = options.firstChunk ?? 200
    this.chunkSize = options.chunkSize ?? 2_000
  }

  list(): DocumentSummary[] {
    return [...this.documents.values()].map((document) => document.summary())
  }

  get(id: string): MarsysDocument {
    const document = this.documents.get(id)
    if (!document) throw new AppError('NOT_FOUND', `No open document with id ${id}`)
    return document
  }

  all(): MarsysDocument[] {
    return [...this.documents.values()]
  }

  /** Opens files and every `.json` under folders. Already open files are not opened twice. */
  async open(paths: string[]): Promise<OpenResult> {
    const result: OpenResult = { documents: [], failures: [] }
    const files: string[] = []
    for (const path of paths) {
      try {
        const real = await this.options.policy.check(path)
        if (await isDirectory(real)) files.push(...(await listMemoryFiles(real)))
        else files.push(real)
      } catch (error) {
        result.failures.push({ path, message: (error as Error).message })
      }
    }
    for (const file of files) {
      try {
        result.documents.push((await this.openFile(file)).summary())
      } catch (error) {
        result.failures.push({ path: file, message: (error as Error).message })
      }
    }
    if (result.documents.length > 0) {
      // Remembering recent files is a convenience: failing to write them must not fail the open.
      await this.options.recent.add(result.documents.map((document) => document.path)).catch(() => undefined)
    }
    return result
  }

  async close(id: string, discard = false): Promise<boolean> {
    const document = this.get(id)
    if (document.dirty && !discard) {
      throw new AppError(
        'CONFLICT',
        `${document.displayName} has unsaved edits; close it with discard to drop them`,
        { file: document.path },
      )
    }
    this.unwatch.get(id)?.()
    this.unwatch.delete(id)
    this.documents.delete(id)
    this.options.emit('document.closed', { id })
    return true
  }

  search(query: SearchQuery): SearchResult {
    const matcher = compileMatcher(query)
    const sink: SearchSink = { hits: [], total: 0, limit: query.limit ?? 500 }
    const ids =
      query.documentIds && query.documentIds.length > 0 ? query.documentIds : [...this.documents.keys()]
    for (const id of ids) {
      const document = this.get(id)
      searchDocument(id, document.source(), document.index, matcher, query.fields, sink)
    }
    return { total: sink.total, hits: sink.hits, truncated: sink.total > sink.hits.length }
  }

  dispose(): void {
    this.watcher.close()
  }

  // ---- editing --------------------------------------------------------------------------------------------

  private changed(document: MarsysDocument, reason: DocumentChangeReason): DocumentState {
    this.options.emit('document.changed', { id: document.id, revision: document.revision, reason })
    return document.state()
  }

  edit(id: string, revision: number, commands: EditCommand[]): DocumentState {
    const document = this.get(id)
    this.ensureIndexed(document)
    document.edit(revision, commands)
    return this.changed(document, 'edit')
  }

  undo(id: string): DocumentState {
    const document = this.get(id)
    return document.undo() ? this.changed(document, 'undo') : document.state()
  }

  redo(id: string): DocumentState {
    const document = this.get(id)
    return document.redo() ? this.changed(document, 'redo') : document.state()
  }

  /** Saves to the document's own path, or with `path` to a new one (Save As), which it then becomes. */
  async save(id: string, options: SaveOptions & { path?: string }): Promise<SaveResult> {
    const document = this.get(id)
    this.ensureIndexed(document)
    const target = options.path ? await this.options.policy.checkWritable(options.path) : document.path
    const sameFile = target === document.path
    if (sameFile && !document.dirty && !options.overwrite) {
      return {
        state: document.state(),
        path: document.path,
        bytes: document.file.byteLength,
        backupPath: null,
        changedMessages: 0,
      }
    }
    const changedMessages = document.changedMessageCount()
    const written = await writeDocument(document, target, options)
    if (!sameFile) {
      this.unwatch.get(id)?.()
      document.path = written.path
      this.unwatch.set(
        id,
        this.watcher.watch(written.path, () => void this.onDiskChange(id)),
      )
      await this.options.recent.add([written.path]).catch(() => undefined)
    }
    document.history.markSaved()
    document.revision++
    const state = this.changed(document, 'save')
    return {
      state,
      path: written.path,
      bytes: written.bytes,
      backupPath: written.backupPath,
      changedMessages,
    }
  }

  /** Drops every unsaved edit and reads the file again. */
  async revert(id: string): Promise<DocumentState> {
    const document = this.get(id)
    document.load(await this.readBytes(document.path))
    document.revision++
    document.index.buildChunk(this.firstChunk)
    if (!document.index.complete) void this.indexInBackground(document)
    return this.changed(document, 'revert')
  }

  private findByPath(path: string): MarsysDocument | undefined {
    return [...this.documents.values()].find((document) => document.path === path)
  }

  private async readBytes(path: string): Promise<{ bytes: Buffer; mtimeMs: number }> {
    const info = await stat(path)
    if (!info.isFile()) throw new AppError('INVALID_INPUT', `${path} is not a file`, { file: path })
    return { bytes: await readFile(path), mtimeMs: info.mtimeMs }
  }

  private async openFile(path: string): Promise<MarsysDocument> {
    const existing = this.findByPath(path)
    if (existing) return existing
    this.options.emit('document.progress', { path, done: 0, total: 1, phase: 'reading' })
    const loaded = await this.readBytes(path)
    const document = new MarsysDocument(
      randomUUID(),
      path,
      loaded,
      this.options.countTokens,
      this.options.diagnose,
    )
    this.documents.set(document.id, document)
    document.index.buildChunk(this.firstChunk)
    this.unwatch.set(
      document.id,
      this.watcher.watch(path, () => void this.onDiskChange(document.id)),
    )
    if (!document.index.complete) void this.indexInBackground(document)
    this.options.emit('document.opened', document.summary())
    return document
  }

  private async indexInBackground(document: MarsysDocument): Promise<void> {
    const index = document.index
    while (!index.complete) {
      await yieldToEventLoop()
      if (document.index !== index || !this.documents.has(document.id)) return // reloaded or closed meanwhile
      index.buildChunk(this.chunkSize)
      this.options.emit('document.progress', {
        path: document.path,
        done: index.built,
        total: index.count,
        phase: 'indexing',
      })
    }
    this.options.emit('document.changed', { id: document.id, revision: document.revision, reason: 'indexed' })
  }

  /** Finishes indexing now (sorting, filtering and lint need every message). */
  ensureIndexed(document: MarsysDocument): void {
    if (!document.index.complete) document.index.buildAll()
  }

  private async onDiskChange(id: string): Promise<void> {
    const document = this.documents.get(id)
    if (!document) return
    let loaded: { bytes: Buffer; mtimeMs: number }
    try {
      loaded = await this.readBytes(document.path)
    } catch {
      document.disk = 'missing'
      this.options.emit('document.changed', { id, revision: document.revision, reason: 'disk' })
      this.options.emit('app.notice', {
        level: 'warning',
        message: `${document.displayName} was removed or cannot be read`,
        documentId: id,
      })
      return
    }
    if (contentHash(loaded.bytes) === document.hash) {
      // Our own save, or a touch without changes; a file that came back after being reported missing is fine again.
      if (document.disk !== 'same') {
        document.disk = 'same'
        this.options.emit('document.changed', { id, revision: document.revision, reason: 'disk' })
      }
      return
    }
    if (document.dirty) {
      document.disk = 'changed'
      this.options.emit('document.changed', { id, revision: document.revision, reason: 'disk' })
      this.options.emit('app.notice', {
        level: 'warning',
        message: `${document.displayName} changed on disk; you have unsaved edits, so it was not reloaded`,
        documentId: id,
      })
      return
    }
    document.load(loaded)
    document.revision++
    document.index.buildChunk(this.firstChunk)
    if (!document.index.complete) void this.indexInBackground(document)
    this.options.emit('document.changed', { id, revision: document.revision, reason: 'reload' })
    this.options.emit('app.notice', {
      level: 'info',
      message: `${document.displayName} changed on disk and was reloaded`,
      documentId: id,
    })
  }
}
