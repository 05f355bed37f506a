import { randomUUID } from 'node:crypto'
import type { DocumentChangeReason, EventPayloads } from '../../../shared/contract'
import type { EventName } from '../../../shared/channels'
import type { DocumentSummary, OpenResult, SearchQuery, SearchResult } from '../../../shared/model/document'
import type {
  DocumentState,
  EditCommand,
  EditResult,
  SaveOptions,
  SaveResult,
} from '../../../shared/model/edit'
import type { IMemoryManager } from '../../../shared/model/langswarm'
import { SerialQueue } from '../langswarm/serialQueue'
import { AppError } from '../appError'
import { yieldToEventLoop } from '../eventLoop'
import { removeStaleTempFiles } from '../fs/atomicWrite'
import { readRegularFile } from '../fs/readWhole'
import { Conversation } from './conversation'
import { contentHash } from './files/contentHash'
import { diskStamp, diskStampOf } from './files/diskStamp'
import { writeDocument, type FileConversation } from './files/fileSaver'
import { FileWatcher } from './files/fileWatcher'
import { isDirectory, listMemoryFiles } from './files/folderScan'
import {
  isFileSource,
  MarsysFileSource,
  type Diagnose,
  type LoadedBytes,
  type ScanAhead,
} from './files/marsysFileSource'
import type { OpenPolicy } from './files/openPolicy'
import type { RecentFiles } from './files/recentFiles'
import type { CountTokens } from './index/messageAnalysis'
import { isSessionSource, StoreSessionSource } from './sessions/storeSessionSource'
import { DEFAULT_SEARCH_BUDGET, searchConversations, type SearchBudget } from './views/conversationSearch'

export type Emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => void

export interface ConversationStoreOptions {
  policy: OpenPolicy
  recent: RecentFiles
  countTokens: CountTokens
  diagnose: Diagnose
  emit: Emit
  /** The session store, opened on demand (sessions open as conversations from it). */
  sessionStore?: { path: string; get(): Promise<IMemoryManager> }
  /** Messages indexed before `open` answers; the rest are indexed in the background. */
  firstChunk?: number
  chunkSize?: number
  /** Bytes of a file scanned before `open` answers in any case (smaller files are scanned whole at once). */
  scanAheadBytes?: number
  /** Bytes scanned per slice of the background scan, between yields to the event loop. */
  scanSliceBytes?: number
  watcher?: FileWatcher
  searchBudget?: SearchBudget
}

type SessionConversation = Conversation<StoreSessionSource>

/**
 * The open conversations — MARSYS files and store sessions alike: opening, background indexing, edits with
 * undo/redo, saving (a file on Save, a session at every change), live reload, and search across them.
 */
export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>()
  private readonly unwatch = new Map<string, () => void>()
  /** Session edits persist asynchronously: one at a time per session, so revisions and the store stay in step. */
  private readonly queues = new Map<string, SerialQueue>()
  private readonly watcher: FileWatcher
  private readonly firstChunk: number
  private recentWrites: Promise<void> = Promise.resolve()
  private readonly chunkSize: number
  private readonly scanAhead: ScanAhead
  private readonly scanSliceBytes: number

  constructor(private readonly options: ConversationStoreOptions) {
    this.watcher = options.watcher ?? new FileWatcher()
    // The first random id seeds the process's random generator (about 4 ms): at start-up, not in the first open.
    randomUUID()
    // A screenful of rows or cards is under 40; 100 leaves room to scroll while the rest is indexed.
    this.firstChunk = options.firstChunk ?? 100
    this.chunkSize = options.chunkSize ?? 2_000
    this.scanAhead = { messages: this.firstChunk, minBytes: options.scanAheadBytes ?? 64 * 1024 }
    this.scanSliceBytes = options.scanSliceBytes ?? 4 * 1024 * 1024
  }

  list(): DocumentSummary[] {
    return [...this.conversations.values()].map((conversation) => conversation.summary())
  }

  /**
   * An open conversation, complete: a file still being scanned in the background is scanned to its end first
   * (whatever needs every message — edits, saves, sorting, search, exports — sees all of them).
   */
  get(id: string): Conversation {
    const conversation = this.peek(id)
    this.completeLoad(conversation)
    return conversation
  }

  /**
   * An open conversation as it is now: while its file is still being scanned, only the messages found so far
   * (enough for the first rows, a message's detail, the summary, closing).
   */
  peek(id: string): Conversation {
    const conversation = this.conversations.get(id)
    if (!conversation) throw new AppError('NOT_FOUND', `No open document with id ${id}`)
    return conversation
  }

  /** An open MARSYS file (views that only files have: the error view, additional_state, save to disk). */
  getFile(id: string): FileConversation {
    const conversation = this.get(id)
    if (!isFileSource(conversation.source))
      throw new AppError('UNSUPPORTED', `${conversation.displayName} is a session, not a file`)
    return conversation as FileConversation
  }

  all(): Conversation[] {
    return [...this.conversations.values()]
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
      // Remembering recent files is a convenience: failing to write them must not fail the open, and the answer
      // does not wait for the write (while it waited, background indexing ran ahead of the answer).
      const paths = result.documents.map((document) => document.path)
      this.recentWrites = this.options.recent.add(paths).catch(() => undefined)
    }
    return result
  }

  /** Resolves once the recent-files list has been written for every open so far. */
  recentFilesWritten(): Promise<void> {
    return this.recentWrites
  }

  /** Opens a session of the store as a conversation (the open one, when it is open already). */
  async openSession(sessionId: string): Promise<DocumentSummary> {
    const existing = this.findSession(sessionId)
    if (existing) return existing.summary()
    const store = this.options.sessionStore
    if (!store) throw new AppError('UNSUPPORTED', 'There is no session store in this process')
    const session = await (await store.get()).getSession(sessionId)
    if (!session)
      throw new AppError('NOT_FOUND', `No session ${sessionId} in the session store`, { sessionId })
    const source = await StoreSessionSource.open(session, store.path)
    const again = this.findSession(sessionId) // opened by a concurrent call meanwhile
    if (again) return again.summary()
    const conversation = new Conversation(randomUUID(), source, this.options.countTokens)
    conversation.index.buildAll()
    this.conversations.set(conversation.id, conversation)
    const summary = conversation.summary()
    this.options.emit('document.opened', summary)
    return summary
  }

  /** A session changed or was deleted outside its open conversation: reload it, or close it when it is gone. */
  async sessionChanged(sessionId: string): Promise<void> {
    const conversation = this.findSession(sessionId)
    if (!conversation) return
    await this.queueOf(conversation.id).run(async () => {
      const store = await this.options.sessionStore!.get()
      if ((await store.getSession(sessionId)) === null) {
        this.forget(conversation.id)
        return
      }
      await conversation.source.reload()
      conversation.reset()
      conversation.revision++
      conversation.index.buildAll()
      this.changed(conversation, 'reload')
    })
  }

  async close(id: string, discard = false): Promise<boolean> {
    const conversation = this.peek(id)
    if (conversation.dirty && !discard) {
      throw new AppError(
        'CONFLICT',
        `${conversation.displayName} has unsaved edits; close it with discard to drop them`,
        { file: conversation.source.location },
      )
    }
    this.forget(id)
    return true
  }

  private forget(id: string): void {
    this.unwatch.get(id)?.()
    this.unwatch.delete(id)
    this.queues.delete(id)
    if (this.conversations.delete(id)) this.options.emit('document.closed', { id })
  }

  /** Searches open conversations within a time budget (main stays responsive; a search out of time says so). */
  search(query: SearchQuery): Promise<SearchResult> {
    const ids =
      query.documentIds && query.documentIds.length > 0 ? query.documentIds : [...this.conversations.keys()]
    const targets = ids.map((id) => ({ id, conversation: this.get(id) }))
    return searchConversations(targets, query, this.options.searchBudget ?? DEFAULT_SEARCH_BUDGET)
  }

  dispose(): void {
    this.watcher.close()
  }

  // ---- editing --------------------------------------------------------------------------------------------

  private changed(conversation: Conversation, reason: DocumentChangeReason): DocumentState {
    this.options.emit('document.changed', { id: conversation.id, revision: conversation.revision, reason })
    if (isSessionSource(conversation.source) && reason !== 'indexed')
      this.options.emit('session.changed', { id: conversation.source.sessionId })
    return conversation.state()
  }

  async edit(id: string, revision: number, commands: EditCommand[]): Promise<EditResult> {
    const conversation = this.get(id)
    let insertedIds: number[] = []
    const state = await this.mutate(conversation, 'edit', () => {
      this.ensureIndexed(conversation)
      const batch = conversation.edit(revision, commands)
      insertedIds = batch ? Conversation.insertedIds(batch) : []
      return batch !== null
    })
    return { ...state, insertedIds }
  }

  undo(id: string): Promise<DocumentState> {
    const conversation = this.get(id)
    return this.mutate(conversation, 'undo', () => conversation.undo())
  }

  redo(id: string): Promise<DocumentState> {
    const conversation = this.get(id)
    return this.mutate(conversation, 'redo', () => conversation.redo())
  }

  /**
   * Runs an edit, undo or redo. A session persists it at once; if the store refuses, the change is taken back
   * (an edit leaves no trace, an undo or redo is reversed) and the error reported.
   */
  private async mutate(
    conversation: Conversation,
    reason: 'edit' | 'undo' | 'redo',
    change: () => boolean,
  ): Promise<DocumentState> {
    if (!isSessionSource(conversation.source)) {
      return change() ? this.changed(conversation, reason) : conversation.state()
    }
    const session = conversation as SessionConversation
    return this.queueOf(conversation.id).run(async () => {
      const revision = conversation.revision
      if (!change()) return conversation.state()
      try {
        await session.source.persist(session)
      } catch (error) {
        if (reason === 'edit') session.dropLastEdit()
        else if (reason === 'undo') session.redo()
        else session.undo()
        // Nothing was announced: the conversation is exactly as the caller last saw it, revision included.
        session.revision = revision
        throw error
      }
      session.history.markSaved()
      return this.changed(conversation, reason)
    })
  }

  /** Saves a file to its own path, or with `path` to a new one (Save As), which it then becomes. */
  async save(id: string, options: SaveOptions & { path?: string }): Promise<SaveResult> {
    const conversation = this.get(id)
    if (isSessionSource(conversation.source)) {
      if (options.path) throw new AppError('UNSUPPORTED', 'A session is exported, not saved as a file')
      // Sessions are saved at every change: nothing is ever pending.
      return {
        state: conversation.state(),
        path: conversation.source.location,
        bytes: 0,
        backupPath: null,
        changedMessages: 0,
      }
    }
    const document = conversation as FileConversation
    const file = document.source
    this.ensureIndexed(document)
    const target = options.path ? await this.options.policy.checkWritable(options.path) : file.path
    const sameFile = target === file.path
    if (sameFile && !document.dirty && !options.overwrite) {
      return {
        state: document.state(),
        path: file.path,
        bytes: file.file.byteLength,
        backupPath: null,
        changedMessages: 0,
      }
    }
    const changedMessages = document.changedMessageCount()
    const written = await writeDocument(document, target, options)
    if (!sameFile) {
      this.unwatch.get(id)?.()
      file.path = written.path
      this.unwatch.set(
        id,
        this.watcher.watch(written.path, () => void this.onDiskChange(id)),
      )
      await this.options.recent.add([written.path]).catch(() => undefined)
    }
    document.markSaved()
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

  /** Drops every unsaved edit and reads the file (or the session) again. */
  async revert(id: string): Promise<DocumentState> {
    const conversation = this.peek(id)
    if (isSessionSource(conversation.source)) {
      await this.sessionChanged(conversation.source.sessionId)
      return conversation.state()
    }
    const document = conversation as FileConversation
    this.reload(document, await this.readBytes(document.source.path))
    return this.changed(document, 'revert')
  }

  private reload(document: FileConversation, loaded: LoadedBytes): void {
    document.source.load(loaded)
    document.reset()
    document.revision++
    document.index.buildChunk(this.firstChunk)
    this.continueInBackground(document)
  }

  /** Scans the rest of a file still loading, or indexes the rest of its messages, without blocking main. */
  private continueInBackground(conversation: Conversation): void {
    if (isFileSource(conversation.source) && conversation.source.loading)
      void this.scanInBackground(conversation as FileConversation)
    else if (!conversation.index.complete) void this.indexInBackground(conversation)
  }

  /**
   * The rest of a file answered from its first messages, scanned in slices between which main answers other
   * calls; then its verdicts are taken and its other messages indexed (see `settleLoad`).
   */
  private async scanInBackground(document: FileConversation): Promise<void> {
    const source = document.source
    const file = source.file
    for (;;) {
      await yieldToEventLoop()
      // Reloaded, closed, or completed by a call that needed every message meanwhile.
      if (source.file !== file || !source.loading || this.conversations.get(document.id) !== document) return
      let scanned: boolean
      try {
        scanned = source.scanMore(this.scanSliceBytes)
        const { bytesScanned, totalBytes } = file.progress
        this.options.emit('document.progress', {
          path: source.path,
          done: bytesScanned,
          total: totalBytes,
          phase: 'scanning',
        })
        if (scanned) this.completeLoad(document)
      } catch (error) {
        // completeLoad has closed it already when its verdicts failed.
        if (this.conversations.get(document.id) === document) this.failIndexing(document, error)
        return
      }
      if (scanned) return
    }
  }

  /** Finishes now the scan of a file still loading (nothing to do for any other conversation). */
  private completeLoad(conversation: Conversation): void {
    if (!isFileSource(conversation.source) || !conversation.source.loading) return
    const document = conversation as FileConversation
    let keptFirst: boolean
    try {
      keptFirst = document.source.finishLoad()
    } catch (error) {
      throw new AppError('PARSE_ERROR', this.failIndexing(document, error), { file: document.source.path })
    }
    if (keptFirst) {
      // The messages shown so far stay as they are (same ids, same revision); the others follow.
      document.appendOriginals()
      document.index.buildChunk(this.firstChunk)
      this.options.emit('document.changed', {
        id: document.id,
        revision: document.revision,
        reason: 'scanned',
      })
    } else {
      // Broken further on (its error view), no memory after all, or another messages list: start again.
      document.reset()
      document.revision++
      document.index.buildChunk(this.firstChunk)
      this.options.emit('document.changed', {
        id: document.id,
        revision: document.revision,
        reason: 'reload',
      })
    }
    if (!document.index.complete) void this.indexInBackground(document)
  }

  private findByPath(path: string): Conversation | undefined {
    return this.all().find(
      (conversation) => isFileSource(conversation.source) && conversation.source.path === path,
    )
  }

  private findSession(sessionId: string): SessionConversation | undefined {
    return this.all().find(
      (conversation) => isSessionSource(conversation.source) && conversation.source.sessionId === sessionId,
    ) as SessionConversation | undefined
  }

  private queueOf(id: string): SerialQueue {
    let queue = this.queues.get(id)
    if (!queue) {
      queue = new SerialQueue()
      this.queues.set(id, queue)
    }
    return queue
  }

  private async readBytes(path: string): Promise<LoadedBytes> {
    const { bytes, info } = await readRegularFile(path)
    return { bytes, mtimeMs: Number(info.mtimeMs), stamp: diskStampOf(info) }
  }

  private async openFile(path: string): Promise<Conversation> {
    const existing = this.findByPath(path)
    if (existing) return existing
    this.options.emit('document.progress', { path, done: 0, total: 1, phase: 'reading' })
    // Temp copies left by saves that were interrupted (a crash, kill -9) go when their file is opened again.
    void removeStaleTempFiles(path).catch(() => undefined)
    const loaded = await this.readBytes(path)
    const source = new MarsysFileSource(path, loaded, this.options.diagnose, this.scanAhead)
    const conversation = new Conversation(randomUUID(), source, this.options.countTokens)
    conversation.index.buildChunk(this.firstChunk)
    this.conversations.set(conversation.id, conversation)
    this.unwatch.set(
      conversation.id,
      this.watcher.watch(path, () => void this.onDiskChange(conversation.id)),
    )
    this.continueInBackground(conversation)
    this.options.emit('document.opened', conversation.summary())
    return conversation
  }

  private async indexInBackground(conversation: Conversation): Promise<void> {
    const index = conversation.index
    const path = conversation.source.location
    while (!index.complete) {
      await yieldToEventLoop()
      if (conversation.index !== index || !this.conversations.has(conversation.id)) return // reloaded or closed
      try {
        index.buildChunk(this.chunkSize)
      } catch (error) {
        this.failIndexing(conversation, error)
        return
      }
      this.options.emit('document.progress', {
        path,
        done: index.built,
        total: index.count,
        phase: 'indexing',
      })
    }
    this.options.emit('document.changed', {
      id: conversation.id,
      revision: conversation.revision,
      reason: 'indexed',
    })
  }

  /**
   * Finishes indexing now (sorting, filtering and lint need every message). A message that cannot be indexed (a
   * value nested deeper than MARSYS can load) closes the document with the reason, as background indexing does.
   */
  ensureIndexed(conversation: Conversation): void {
    this.completeLoad(conversation)
    if (conversation.index.complete) return
    try {
      conversation.index.buildAll()
    } catch (error) {
      throw new AppError('PARSE_ERROR', this.failIndexing(conversation, error), {
        file: conversation.source.location,
      })
    }
  }

  /** A document that cannot be indexed is closed with the reason, never left "indexing" for ever. */
  private failIndexing(conversation: Conversation, error: unknown): string {
    const message = `${conversation.displayName} could not be opened: ${(error as Error).message}`
    this.forget(conversation.id)
    this.options.emit('app.notice', { level: 'error', message })
    return message
  }

  private async onDiskChange(id: string): Promise<void> {
    const conversation = this.conversations.get(id)
    if (!conversation || !isFileSource(conversation.source)) return
    const document = conversation as FileConversation
    const file = document.source
    const emitDisk = (): void =>
      this.options.emit('document.changed', { id, revision: document.revision, reason: 'disk' })
    const now = await diskStamp(file.path).catch(() => null)
    if (now !== null && now === file.stamp) {
      // Our own save (stamped after writing), or an event without a change: nothing to read or hash.
      if (file.disk !== 'same') {
        file.disk = 'same'
        emitDisk()
      }
      return
    }
    let loaded: LoadedBytes
    try {
      loaded = await this.readBytes(file.path)
    } catch {
      file.disk = 'missing'
      emitDisk()
      this.options.emit('app.notice', {
        level: 'warning',
        message: `${document.displayName} was removed or cannot be read`,
        documentId: id,
        topic: 'disk',
      })
      return
    }
    if (contentHash(loaded.bytes) === file.hash) {
      // Our own save, or a touch without changes; a file that came back after being reported missing is fine again.
      file.stamp = loaded.stamp ?? null
      if (file.disk !== 'same') {
        file.disk = 'same'
        emitDisk()
      }
      return
    }
    if (document.dirty) {
      file.disk = 'changed'
      emitDisk()
      this.options.emit('app.notice', {
        level: 'warning',
        message: `${document.displayName} changed on disk; you have unsaved edits, so it was not reloaded`,
        documentId: id,
        topic: 'disk',
      })
      return
    }
    this.reload(document, loaded)
    this.options.emit('document.changed', { id, revision: document.revision, reason: 'reload' })
    this.options.emit('app.notice', {
      level: 'info',
      message: `${document.displayName} changed on disk and was reloaded`,
      documentId: id,
    })
  }
}
