import { join } from 'node:path'
import type { TOKEN_CHANNELS } from '../../shared/domains/tokens/channels'
import type { ModelEntry, UsageRow } from '../../shared/domains/tokens/contract'
import { ConfigInputError, managedConfigFrom } from '../engine/compaction/configInput'
import { isToolResponse, truncateTextToTokens } from '../engine/compaction/toolTruncation'
import type { WireMessage } from '../engine/compaction/types'
import { AppError } from '../engine/appError'
import { atomicWriteFile } from '../engine/fs/atomicWrite'
import { ManagedMemoryConfig } from '../engine/marsys/memory/managedConfig'
import {
  MODEL_TABLE_FILE,
  ModelTableError,
  buildModelTable,
  findModel,
  loadModelTable,
  type ModelInfo,
  type ModelTable,
} from '../engine/tokens/modelTable'
import { TokenService, type TokenServiceOptions, type TokenTotals } from '../engine/tokens/tokenService'
import type { Handlers } from './dispatch'
import type { Services } from './services'
import { DocumentCounts } from './tokens/documentCounts'
import { StoreSessionCounts } from './tokens/storeSessionTotals'
import { usageView } from './tokens/usageView'

type TokenHandlers = Pick<Handlers, (typeof TOKEN_CHANNELS)[number]>

const tableView = (table: ModelTable) => ({ models: table.models, overrideFile: table.overrideFile ?? null })

/** A model table problem is the user's input (the data folder's file or the settings page), not a crash. */
async function modelTable(dataDir: string): Promise<ModelTable> {
  try {
    return await loadModelTable(dataDir)
  } catch (error) {
    if (error instanceof ModelTableError)
      throw new AppError('PARSE_ERROR', error.message, { file: error.file, path: error.path })
    throw error
  }
}

function modelOf(table: ModelTable, id: string): ModelInfo {
  const model = findModel(table, id)
  if (!model) throw new AppError('NOT_FOUND', `No model ${id} in the model table`, { model: id })
  return model
}

function configOf(value: Record<string, unknown> | undefined): ManagedMemoryConfig {
  if (value === undefined) return new ManagedMemoryConfig()
  try {
    return managedConfigFrom(value)
  } catch (error) {
    if (error instanceof ConfigInputError)
      throw new AppError('INVALID_INPUT', `managed config: ${error.message}`, { path: 'managedConfig' })
    throw error
  }
}

/** A conversation's size in a model's encoding and what sending it once as a prompt costs (USD). */
function rowFigures(totals: TokenTotals, model: ModelInfo): Pick<UsageRow, 'marsys' | 'bpe' | 'cost'> {
  const bpe = totals[model.encoding]?.total ?? 0
  return { marsys: totals.marsys, bpe, cost: (bpe * model.inputPerMillion) / 1_000_000 }
}

const largestFirst = (a: UsageRow, b: UsageRow): number => b.bpe - a.bpe || a.name.localeCompare(b.name)

/**
 * The tokens channels (see src/shared/domains/tokens): per-document counts with progress and cancel, updated
 * incrementally after edits; totals across open files and the store; the model table.
 */
export function createTokenHandlers(services: Services, opts: TokenServiceOptions = {}): TokenHandlers {
  let service: TokenService | undefined
  const tokenService = (): TokenService => {
    if (!service) {
      const created = new TokenService(opts)
      service = created
      services.disposers.push(() => created.close())
    }
    return service
  }
  const counts = new DocumentCounts(services.documents, tokenService)
  const storeCounts = new StoreSessionCounts(services.sessions, tokenService)
  services.bus.subscribe((event, payload) => {
    if (event === 'document.closed') counts.forget((payload as { id: string }).id)
  })
  const dataDir = services.context.dataDir

  return {
    'tokens.usage': async ({ id, model, managedConfig }) => {
      const info = modelOf(await modelTable(dataDir), model)
      const config = configOf(managedConfig)
      const { counted, recounted } = await counts.count(id, (progress) =>
        services.bus.emit('tokens.progress', { id, ...progress }),
      )
      return usageView(counted, info, config, recounted)
    },
    'tokens.cancel': async ({ id }) => ({ cancelled: counts.cancel(id) }),
    'tokens.truncateToolResult': async ({ id, index, maxTokens }) => {
      const conversation = services.documents.get(id)
      if (index >= conversation.items.length)
        throw new AppError('NOT_FOUND', `${conversation.displayName} has no message ${index}`, {
          messageIndex: index,
        })
      const message = conversation.plainAt(index) as WireMessage
      const truncation = new ManagedMemoryConfig().activeContext.toolTruncation
      if (typeof message !== 'object' || message === null || !isToolResponse(message, true))
        throw new AppError('INVALID_INPUT', `message ${index} is not a tool result`, { messageIndex: index })
      if (typeof message.content !== 'string')
        throw new AppError('INVALID_INPUT', `message ${index}: only a text tool result can be truncated`, {
          messageIndex: index,
        })
      const limit = maxTokens ?? truncation.maxToolMessageTokens
      const text = truncateTextToTokens(message.content, limit, truncation.appendMarker)
      return { text, changed: text !== message.content, maxTokens: limit }
    },
    'tokens.overview': async ({ model }) => {
      const info = modelOf(await modelTable(dataDir), model)
      const summaries = services.documents.list()
      const files: UsageRow[] = []
      for (const summary of summaries) {
        if (summary.source !== 'file') continue
        const { counted } = await counts.count(summary.id)
        files.push({
          docId: summary.id,
          sessionId: null,
          path: summary.path,
          name: summary.name,
          updatedAt: new Date(summary.modifiedMs).toISOString(),
          messages: counted.messages.length,
          ...rowFigures(counted.totals, info),
        })
      }
      const openSessions = new Map(
        summaries.filter((s) => s.sessionId !== null).map((s) => [s.sessionId as string, s.id]),
      )
      const sessions: UsageRow[] = (await storeCounts.all()).map((session) => ({
        docId: openSessions.get(session.sessionId) ?? null,
        sessionId: session.sessionId,
        path: null,
        name: session.sessionId,
        updatedAt: session.updatedAt,
        messages: session.messages,
        ...rowFigures(session.totals, info),
      }))
      return { model: info, files: files.sort(largestFirst), sessions: sessions.sort(largestFirst) }
    },
    'tokens.models': async () => tableView(await modelTable(dataDir)),
    'tokens.saveModels': async ({ models }) => {
      const file = join(dataDir, MODEL_TABLE_FILE)
      const text = `${JSON.stringify({ models: models satisfies Record<string, ModelEntry> }, null, 2)}\n`
      try {
        buildModelTable(text, file) // refuse before writing anything
      } catch (error) {
        if (error instanceof ModelTableError)
          throw new AppError('INVALID_INPUT', error.message, { file: error.file, path: error.path })
        throw error
      }
      await atomicWriteFile(file, text, { backup: true })
      return tableView(await modelTable(dataDir))
    },
  }
}
