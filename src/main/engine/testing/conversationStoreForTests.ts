import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import { DefaultTokenCounter } from '../../../shared/tokens/marsysTokenCounter'
import { ConversationStore } from '../conversations/conversationStore'
import { diagnoseMarsysFile } from '../conversations/files/diagnose'
import { OpenPolicy } from '../conversations/files/openPolicy'
import { RecentFiles } from '../conversations/files/recentFiles'

/** A real conversation store over a fresh temp dir (MARSYS token counts, no events), and how to clean it up. */
export function conversationStoreForTests(prefix = 'mi-store-'): {
  dir: string
  store: ConversationStore
  dispose(): void
} {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const counter = new DefaultTokenCounter()
  const store = new ConversationStore({
    policy: OpenPolicy.unrestricted(),
    recent: new RecentFiles(join(dir, 'data')),
    countTokens: (message) => counter.countMessage(message),
    diagnose: diagnoseMarsysFile,
    emit: () => undefined,
  })
  return {
    dir,
    store,
    dispose: () => {
      store.dispose()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A fresh store (and temp dir) for each test of the calling file, disposed after it. */
export function withConversationStore(prefix?: string): {
  readonly dir: string
  readonly store: ConversationStore
} {
  let current: ReturnType<typeof conversationStoreForTests> | undefined
  beforeEach(() => {
    current = conversationStoreForTests(prefix)
  })
  afterEach(() => current?.dispose())
  return {
    get dir() {
      return current!.dir
    },
    get store() {
      return current!.store
    },
  }
}
