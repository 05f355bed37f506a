import type { ChannelName, EventName } from './channels'
import type {
  AdditionalStateView,
  DocumentErrorView,
  DocumentSummary,
  KgFactRow,
  LintIssue,
  MessageDetail,
  OpenResult,
  RowQuery,
  RowWindow,
  SearchQuery,
  SearchResult,
} from './model/document'
import type { DocumentState, EditCommand, EditResult, SaveOptions, SaveResult } from './model/edit'
import type { ConversationSummaryDict } from './model/langswarm/conversationSummary'
import type { SessionStatus } from './model/langswarm/enums'
import type { SessionMetadataInit } from './model/langswarm/sessionMetadata'
import type { SessionDetail, SessionPage, SessionStoreStats } from './model/session'
import type { Result } from './result'

/** Which way the renderer reaches main. */
export type Door = 'electron' | 'web'

export interface AppInfo {
  name: string
  version: string
  platform: string
  /** Node's version in main (web mode) or Electron's versions (desktop). */
  runtime: string
  dataDir: string
  door: Door
}

export interface Notice {
  level: 'info' | 'warning' | 'error'
  message: string
  documentId?: string
}

export interface WorkspaceRoots {
  /** Web mode: the folders "Open path" may read under (those given at start-up). Empty in Electron: anything. */
  roots: string[]
  restricted: boolean
  /** Whether a native open dialog exists (Electron only). */
  canBrowse: boolean
}

export interface RecentEntry {
  path: string
  openedMs: number
}

/** Why a document changed: `disk` means only its on-disk status changed (edited or removed behind the app). */
export type DocumentChangeReason =
  'indexed' | 'edit' | 'undo' | 'redo' | 'save' | 'reload' | 'revert' | 'disk'

type Empty = Record<string, never>
type DocumentRef = { id: string }

/** Every channel: `domain.verb`, one input object, one output. */
export interface Contract {
  'app.info': { input: Empty; output: AppInfo }
  'workspace.roots': { input: Empty; output: WorkspaceRoots }
  'workspace.recent': { input: Empty; output: RecentEntry[] }
  'workspace.openDialog': { input: { folders?: boolean }; output: { paths: string[] } }
  'document.open': { input: { paths: string[] }; output: OpenResult }
  'document.list': { input: Empty; output: DocumentSummary[] }
  'document.close': { input: DocumentRef & { discard?: boolean }; output: { closed: boolean } }
  'document.summary': { input: DocumentRef; output: DocumentSummary }
  'document.error': { input: DocumentRef; output: DocumentErrorView | null }
  'document.rows': { input: DocumentRef & RowQuery; output: RowWindow }
  /** Where message `index` sits in the sorted/filtered row list (null when filtered out). */
  'document.position': {
    input: DocumentRef & { index: number; sort?: RowQuery['sort']; filter?: RowQuery['filter'] }
    output: { position: number | null }
  }
  /**
   * One message. With `messageId` (MessageRow.id), the message with that id wherever it is now (`index` is where
   * the caller last saw it, tried first); NOT_FOUND when it was deleted.
   */
  'document.message': { input: DocumentRef & { index: number; messageId?: number }; output: MessageDetail }
  /** Where messages are now, by id (null: deleted). */
  'document.locate': { input: DocumentRef & { messageIds: number[] }; output: { indices: (number | null)[] } }
  'document.image': {
    input: DocumentRef & { index: number; partIndex: number }
    output: { dataUrl: string; mime: string; bytes: number }
  }
  'document.additionalState': { input: DocumentRef; output: AdditionalStateView }
  'document.facts': { input: DocumentRef; output: KgFactRow[] }
  'document.lint': { input: DocumentRef; output: LintIssue[] }
  'document.search': { input: SearchQuery; output: SearchResult }
  /** Applies a batch of edits as one undo step; a stale `revision` is a CONFLICT, never a lost update. */
  'document.edit': {
    input: DocumentRef & { revision: number; commands: EditCommand[] }
    output: EditResult
  }
  'document.undo': { input: DocumentRef; output: DocumentState }
  'document.redo': { input: DocumentRef; output: DocumentState }
  'document.state': { input: DocumentRef; output: DocumentState }
  /** CONFLICT with details.reason `marsys-unloadable`, `changed-on-disk`, `missing-on-disk` or `target-exists`. */
  'document.save': { input: DocumentRef & SaveOptions; output: SaveResult }
  'document.saveAs': { input: DocumentRef & SaveOptions & { path: string }; output: SaveResult }
  'document.revert': { input: DocumentRef; output: DocumentState }
  'workspace.saveDialog': { input: { defaultPath: string }; output: { path: string | null } }
  /** The session store (langswarm-memory's JSON-file backend in the data folder); newest `updated_at` first. */
  'session.list': {
    input: { userId?: string | null; status?: SessionStatus | null; limit: number; offset: number }
    output: SessionPage
  }
  'session.get': { input: DocumentRef; output: SessionDetail }
  /** Opens a session as a document (the same views and edits as a file; each change is saved to the store). */
  'session.open': { input: DocumentRef; output: DocumentSummary }
  'session.create': {
    input: Partial<Omit<SessionMetadataInit, 'created_at' | 'updated_at' | 'expires_at'>> & {
      expires_at?: string | null
    }
    output: SessionDetail
  }
  'session.delete': { input: DocumentRef; output: { deleted: boolean } }
  'session.summarize': { input: DocumentRef & { force?: boolean }; output: ConversationSummaryDict | null }
  'session.summary': { input: DocumentRef; output: ConversationSummaryDict | null }
  'session.stats': { input: Empty; output: SessionStoreStats }
}

/** Commands from the Electron menu, handled by the renderer like its own keyboard shortcuts. */
export type MenuCommand =
  'open' | 'openFolder' | 'save' | 'saveAs' | 'revert' | 'close' | 'undo' | 'redo' | 'find' | 'about'

/** Every event main pushes: `domain.pastTense` (or a noun for notices and progress). */
export interface EventPayloads {
  'app.notice': Notice
  'app.menuCommand': { command: MenuCommand }
  'session.changed': { id: string }
  'document.opened': DocumentSummary
  'document.changed': { id: string; revision: number; reason: DocumentChangeReason }
  'document.closed': { id: string }
  'document.progress': { path: string; done: number; total: number; phase: 'reading' | 'indexing' }
}

export type Channel = keyof Contract
export type InputOf<C extends Channel> = Contract[C]['input']
export type OutputOf<C extends Channel> = Contract[C]['output']
export type ResultOf<C extends Channel> = Result<OutputOf<C>>

// Compile-time guard: the runtime lists in channels.ts and the types above must name exactly the same things.
type SameKeys<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never] ? true : false
const channelsInStep: SameKeys<Channel, ChannelName> = true
const eventsInStep: SameKeys<keyof EventPayloads, EventName> = true
export const CONTRACT_IN_STEP = channelsInStep && eventsInStep

/** What the preload exposes as `window.api`, and what the HTTP client implements too. */
export interface Bridge {
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<ResultOf<C>>
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
  /** Electron only: the path of a file dropped on the window (web pages cannot know it). */
  pathForFile?(file: File): string
}
