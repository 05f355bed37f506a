import type { SessionWorkspace } from '../../engine/sessions/sessionWorkspace'
import { toConversationDict } from '../../engine/conversations/sessions/storeSessionSource'
import { BPE_ENCODINGS } from '../../engine/tokens/messageTokens'
import type { TokenService, TokenTotals } from '../../engine/tokens/tokenService'

export interface StoreSessionTotals {
  sessionId: string
  updatedAt: string
  messages: number
  totals: TokenTotals
}

const PAGE = 500

/**
 * The token totals of every session of the store, newest first. A session is counted again only when its
 * `updated_at` moved (and then through the content-hash cache, so only new messages reach a worker).
 */
export class StoreSessionCounts {
  private readonly known = new Map<string, StoreSessionTotals>()

  constructor(
    private readonly sessions: SessionWorkspace,
    private readonly service: () => TokenService,
  ) {}

  async all(): Promise<StoreSessionTotals[]> {
    const manager = await this.sessions.get()
    const out: StoreSessionTotals[] = []
    for (let offset = 0; ; offset += PAGE) {
      const page = await manager.backend.listSessionsPage({ limit: PAGE, offset })
      for (const metadata of page.sessions) {
        const { session_id: sessionId, updated_at: updatedAt } = metadata.toDict()
        const known = this.known.get(sessionId)
        if (known && known.updatedAt === updatedAt) {
          out.push(known)
          continue
        }
        const session = await manager.getSession(sessionId)
        if (!session) continue
        const messages = (await session.getMessages()).map(toConversationDict)
        const result = await this.service().count(messages, { encodings: BPE_ENCODINGS })
        const totals = { sessionId, updatedAt, messages: messages.length, totals: result.totals }
        this.known.set(sessionId, totals)
        out.push(totals)
      }
      if (page.sessions.length < PAGE || offset + PAGE >= page.total) break
    }
    return out
  }
}
