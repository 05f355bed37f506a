import type { ConversationStore } from '../../engine/conversations/conversationStore'
import { BPE_ENCODINGS } from '../../engine/tokens/messageTokens'
import type { TokenProgress, TokenService } from '../../engine/tokens/tokenService'
import { AppError } from '../../engine/appError'
import type { CountedConversation } from './usageView'

/** The document changed while its messages were being read: the count starts again on the new revision. */
class StaleCount extends Error {}

const RETRIES = 3

/**
 * Every open document's per-message counts (MARSYS, langswarm and both BPE encodings), kept for the revision they
 * were made at. A new revision is counted again through the service's content-hash cache, so only the messages an
 * edit changed go to a worker. Counts can be cancelled per document.
 */
export class DocumentCounts {
  private readonly counts = new Map<string, CountedConversation>()
  private readonly running = new Map<string, Set<AbortController>>()

  constructor(
    private readonly documents: ConversationStore,
    private readonly service: () => TokenService,
  ) {}

  /** The counts at the document's current revision, and how many messages a worker had to count for them. */
  async count(
    docId: string,
    onProgress?: (progress: TokenProgress) => void,
  ): Promise<{ counted: CountedConversation; recounted: number }> {
    const conversation = this.documents.get(docId)
    const known = this.counts.get(docId)
    if (known && known.revision === conversation.revision) return { counted: known, recounted: 0 }
    const controller = new AbortController()
    const running = this.running.get(docId) ?? new Set()
    this.running.set(docId, running.add(controller))
    const service = this.service()
    try {
      for (let attempt = 0; ; attempt++) {
        const revision = conversation.revision
        const length = conversation.items.length
        const ids = Array.from({ length }, (_, i) => conversation.idAt(i))
        const texts = {
          length,
          text: (i: number): string => {
            if (conversation.revision !== revision) throw new StaleCount()
            return conversation.rawAt(i)
          },
        }
        const before = service.stats.counted
        try {
          const result = await service.count(texts, {
            encodings: BPE_ENCODINGS,
            signal: controller.signal,
            onProgress,
          })
          const counted = { revision, ids, messages: result.messages, totals: result.totals }
          const latest = this.counts.get(docId)
          if (!latest || latest.revision <= revision) this.counts.set(docId, counted)
          return { counted, recounted: service.stats.counted - before }
        } catch (error) {
          if (error instanceof StaleCount && attempt < RETRIES) continue
          throw error
        }
      }
    } catch (error) {
      if (controller.signal.aborted)
        throw new AppError('CONFLICT', `Counting the tokens of ${conversation.displayName} was cancelled`, {
          cancelled: true,
        })
      if (error instanceof StaleCount)
        throw new AppError(
          'CONFLICT',
          `${conversation.displayName} kept changing while its tokens were counted`,
        )
      throw error
    } finally {
      running.delete(controller)
      if (running.size === 0) this.running.delete(docId)
    }
  }

  /** Stops the document's running counts; true when one was running. */
  cancel(docId: string): boolean {
    const running = this.running.get(docId)
    if (!running) return false
    for (const controller of running) controller.abort()
    return true
  }

  forget(docId: string): void {
    this.cancel(docId)
    this.counts.delete(docId)
  }
}
