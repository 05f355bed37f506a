import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { EventBus } from '../api/events'
import { createHandlers } from '../api/handlers'
import { createAppContext } from '../appContext'
import { OpenPolicy } from '../engine/conversations/files/openPolicy'
import { backgroundRemovalsSettled } from '../engine/fs/atomicWrite'
import { createServices } from '../createServices'
import { FIRST_ROWS } from './constants'
import { SAVE_REPEATS, settleDisk } from './floorPhases'

type PhaseResult = Record<string, number>

const since = (t0: number): number => performance.now() - t0

/**
 * The app's own path, through the same handlers both doors use: `document.open`, then a window of rows (what the
 * table shows first), the background index finishing (the final token total), one edit, `document.save` (guards,
 * atomic write, .bak; best of 5 saves, each after another one-message edit) and two searches (a common word, a
 * rare phrase). Run in a fresh process, its peak RSS is that whole session's.
 */
export async function documentPhase(path: string): Promise<PhaseResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mi-bench-data-'))
  const bus = new EventBus()
  const services = createServices({
    context: createAppContext('web', dataDir, 'bench', 'node'),
    bus,
    policy: OpenPolicy.unrestricted(),
  })
  const handlers = createHandlers(services)
  try {
    const indexed = new Promise<void>((resolve) =>
      bus.subscribe((event, payload) => {
        if (event === 'document.changed' && (payload as { reason: string }).reason === 'indexed') resolve()
      }),
    )
    const t0 = performance.now()
    const { documents } = await handlers['document.open']({ paths: [path] })
    const id = documents[0].id
    await handlers['document.rows']({ id, offset: 0, limit: FIRST_ROWS })
    const firstRowsMs = since(t0)
    if (documents[0].indexing) await indexed
    const fullIndexMs = since(t0)

    const document = services.documents.get(id)
    const editOne = async (index: number, text: string): Promise<number> => {
      const t1 = performance.now()
      await handlers['document.edit']({
        id,
        revision: document.revision,
        commands: [{ op: 'setContentText', index, text }],
      })
      return since(t1)
    }
    const middle = Math.floor(document.items.length / 2)
    const editMs = await editOne(middle, 'edited by the benchmark')
    // The best of as many saves as the floor's writes: each save follows a new one-message edit and replaces the
    // previous backup.
    let saveMs = Infinity
    for (let round = 0; round < SAVE_REPEATS; round++) {
      if (round > 0) await editOne(middle + round, `edited by the benchmark, round ${round}`)
      // As the floor's rounds do: the previous round's backup, removed after its save, is freed before this one.
      await backgroundRemovalsSettled()
      await settleDisk(dirname(path))
      const t2 = performance.now()
      await handlers['document.save']({ id })
      saveMs = Math.min(saveMs, since(t2))
    }
    const t3 = performance.now()
    await handlers['document.search']({ text: 'latency', limit: 1000 })
    const searchMs = since(t3)
    // A phrase only the edited message holds: every other message is ruled out by its raw bytes.
    const t4 = performance.now()
    await handlers['document.search']({ text: 'edited by the benchmark', limit: 1000 })
    const rareSearchMs = since(t4)
    return {
      firstRowsMs,
      fullIndexMs,
      tokens: document.index.totalTokens,
      editMs,
      saveMs,
      searchMs,
      rareSearchMs,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    }
  } finally {
    services.documents.dispose()
    await rm(dataDir, { recursive: true, force: true })
  }
}
