import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { EventBus } from '../api/events'
import { createHandlers } from '../api/handlers'
import { createAppContext } from '../appContext'
import { OpenPolicy } from '../engine/conversations/files/openPolicy'
import { backgroundRemovalsSettled } from '../engine/fs/atomicWrite'
import { createServices } from '../createServices'
import { FIRST_ROWS } from './constants'
import { saveRepeats, settleDisk } from './floorPhases'

type PhaseResult = Record<string, number>

const since = (t0: number): number => performance.now() - t0

const OPEN_REPEATS = 3

/** The app's services and handlers as both doors create them, on a fresh data folder. */
async function benchApp(): Promise<{
  bus: EventBus
  services: ReturnType<typeof createServices>
  handlers: ReturnType<typeof createHandlers>
  dispose: () => Promise<void>
}> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mi-bench-data-'))
  const bus = new EventBus()
  const services = createServices({
    context: createAppContext('web', dataDir, 'bench', 'node'),
    bus,
    policy: OpenPolicy.unrestricted(),
  })
  const handlers = createHandlers(services)
  const dispose = async (): Promise<void> => {
    services.documents.dispose()
    await rm(dataDir, { recursive: true, force: true })
  }
  return { bus, services, handlers, dispose }
}

/** Resolves on the first `document.changed` of one of these reasons. */
function changedSignal(bus: EventBus, ...reasons: string[]): Promise<void> {
  return new Promise<void>((resolve) =>
    bus.subscribe((event, payload) => {
      if (event === 'document.changed' && reasons.includes((payload as { reason: string }).reason)) resolve()
    }),
  )
}

/** Resolves when the background index of an open document has finished. */
const indexedSignal = (bus: EventBus): Promise<void> => changedSignal(bus, 'indexed')

/**
 * `document.open` until the first window of rows, timed as the floors are: the best of 3 in one process (the V8
 * floor and MARSYS's load are each the best of 3 in theirs). Each round closes the file after its index finished.
 * The first round, in a process that has run none of this code yet, is reported on its own.
 */
export async function appOpenPhase(path: string): Promise<PhaseResult> {
  const { bus, handlers, dispose } = await benchApp()
  try {
    const rounds: number[] = []
    for (let round = 0; round < OPEN_REPEATS; round++) {
      const indexed = indexedSignal(bus)
      const t0 = performance.now()
      const { documents } = await handlers['document.open']({ paths: [path] })
      const id = documents[0].id
      await handlers['document.rows']({ id, offset: 0, limit: FIRST_ROWS })
      rounds.push(since(t0))
      if (documents[0].indexing) await indexed
      await handlers['document.close']({ id })
    }
    return { firstRowsMs: Math.min(...rounds), firstOpenMs: rounds[0] }
  } finally {
    await dispose()
  }
}

/**
 * The app's own path, through the same handlers both doors use: `document.open`, then a window of rows (what the
 * table shows first), the background index finishing (the final token total), one edit, `document.save` (guards,
 * atomic write, .bak; the best of as many saves as the save floor's rounds, each after another one-message edit)
 * and two searches (a common word, a rare phrase). Run in a fresh process, its peak RSS is that whole session's.
 */
export async function documentPhase(path: string): Promise<PhaseResult> {
  const { bus, services, handlers, dispose } = await benchApp()
  try {
    const indexed = indexedSignal(bus)
    // The token total is final once the byte scan has ended (it counts every message), before the index is.
    const scanned = changedSignal(bus, 'scanned', 'indexed', 'reload')
    const t0 = performance.now()
    const { documents } = await handlers['document.open']({ paths: [path] })
    const id = documents[0].id
    const answeredMs = since(t0)
    await handlers['document.rows']({ id, offset: 0, limit: FIRST_ROWS })
    const firstRowsMs = since(t0)
    if (documents[0].loading) await scanned
    const finalTokensMs = documents[0].loading ? since(t0) : answeredMs
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
    for (let round = 0, rounds = saveRepeats((await stat(path)).size); round < rounds; round++) {
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
      finalTokensMs,
      fullIndexMs,
      tokens: document.index.totalTokens,
      editMs,
      saveMs,
      searchMs,
      rareSearchMs,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    }
  } finally {
    await dispose()
  }
}
