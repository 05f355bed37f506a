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

type BenchServices = ReturnType<typeof createServices>

/** The app's services and handlers as both doors create them, on a fresh data folder. */
async function benchApp(): Promise<{
  bus: EventBus
  services: BenchServices
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
    // An open's recent-files write is not awaited by the open: it would land in the folder being removed.
    await services.documents.recentFilesWritten()
    await rm(dataDir, { recursive: true, force: true })
  }
  return { bus, services, handlers, dispose }
}

/** Resolves at the next `document.changed` (and stops listening). */
function nextChange(bus: EventBus): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = bus.subscribe((event) => {
      if (event !== 'document.changed') return
      stop()
      resolve()
    })
  })
}

/** Waits until `done()` holds, looking again at each `document.changed` (background work announces each end). */
async function until(bus: EventBus, done: () => boolean): Promise<void> {
  while (!done()) await nextChange(bus)
}

/** Until the document's index is complete, whether or not an "indexed" event comes (a first chunk may finish it). */
const untilIndexed = (bus: EventBus, services: BenchServices, id: string): Promise<void> =>
  until(bus, () => !services.documents.peek(id).summary().indexing)

/**
 * `document.open` until the first window of rows, timed as the floors are: the best of 3 in one process (the V8
 * floor and MARSYS's load are each the best of 3 in theirs). Each round closes the file after its index finished.
 * The first round, in a process that has run none of this code yet, is reported on its own.
 */
export async function appOpenPhase(path: string): Promise<PhaseResult> {
  const { bus, services, handlers, dispose } = await benchApp()
  try {
    const rounds: number[] = []
    for (let round = 0; round < OPEN_REPEATS; round++) {
      const t0 = performance.now()
      const { documents } = await handlers['document.open']({ paths: [path] })
      const id = documents[0].id
      await handlers['document.rows']({ id, offset: 0, limit: FIRST_ROWS })
      rounds.push(since(t0))
      await untilIndexed(bus, services, id)
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
    // The token total is final once the byte scan has ended (it counts every message), before the index is: the
    // moment is the change that announces it, timed where it is announced (the rows may still be on their way).
    let finalAt = Infinity
    let id = ''
    const stopWatching = bus.subscribe((event) => {
      if (event === 'document.changed' && finalAt === Infinity && id !== '')
        if (services.documents.peek(id).summary().marsysTokensFinal) finalAt = performance.now()
    })
    const t0 = performance.now()
    const { documents } = await handlers['document.open']({ paths: [path] })
    id = documents[0].id
    if (documents[0].marsysTokensFinal) finalAt = performance.now()
    await handlers['document.rows']({ id, offset: 0, limit: FIRST_ROWS })
    const firstRowsMs = since(t0)
    await until(bus, () => finalAt < Infinity)
    stopWatching()
    const finalTokensMs = finalAt - t0
    await untilIndexed(bus, services, id)
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
    // A structural edit: the index is spliced (the messages after it move), not patched in place.
    const t5 = performance.now()
    await handlers['document.edit']({
      id,
      revision: document.revision,
      commands: [{ op: 'delete', indices: [middle + 1] }],
    })
    const deleteMs = since(t5)
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
      deleteMs,
      saveMs,
      searchMs,
      rareSearchMs,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    }
  } finally {
    await dispose()
  }
}
