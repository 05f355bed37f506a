import { readFileSync } from 'node:fs'
import { PyObject } from '../../shared/pyjson'
import { atomicWriteFile } from '../engine/fs/atomicWrite'
import { readWholeFile } from '../engine/fs/readWhole'
import { MarsysFile, keepMessage, newMessage, saveMarsysFileChunks } from '../engine/marsys/codec'
import { FIRST_ROWS } from './constants'
import { appOpenPhase, documentPhase } from './documentPhase'
import { saveFloorPhase } from './floorPhases'

export { FIRST_ROWS }

/** What one measurement phase reports (milliseconds and bytes). */
export type PhaseResult = Record<string, number>

const REPEATS = 3

const gc = (): void => (globalThis as { gc?: () => void }).gc?.()
const since = (t0: number): number => performance.now() - t0

/** The floor: what any JSON tool pays, `fs.readFileSync` + `JSON.parse` of the whole file (best of 3). */
export async function floorPhase(path: string): Promise<PhaseResult> {
  let best = Infinity
  for (let i = 0; i < REPEATS; i++) {
    gc()
    const t0 = performance.now()
    const data: unknown = JSON.parse(readFileSync(path, 'utf8'))
    best = Math.min(best, since(t0))
    if (data === null) throw new Error('unreachable')
  }
  return { floorMs: best }
}

/** Our open: read, index progressively and decode the first rows; then the full index (best of 3 each). */
export async function openPhase(path: string): Promise<PhaseResult> {
  let firstRows = Infinity
  let fullIndex = Infinity
  for (let i = 0; i < REPEATS; i++) {
    gc()
    const t0 = performance.now()
    const file = MarsysFile.openProgressive(await readWholeFile(path))
    const available = file.ensureMessages(FIRST_ROWS)
    for (let r = 0; r < available; r++) file.decodeMessagePlain(r)
    firstRows = Math.min(firstRows, since(t0))
    file.scanToEnd()
    fullIndex = Math.min(fullIndex, since(t0))
  }
  return { firstRowsMs: firstRows, fullIndexMs: fullIndex }
}

/**
 * The editing session, once, in a fresh process so its peak RSS is ours alone: open, index, count every
 * message's tokens, edit one message and save (atomically, with a backup) over the file.
 */
export async function sessionPhase(path: string): Promise<PhaseResult> {
  const t0 = performance.now()
  const file = MarsysFile.openProgressive(await readWholeFile(path))
  file.ensureMessages(FIRST_ROWS)
  const firstRowsMs = since(t0)
  const count = file.messageCount
  const indexMs = since(t0)

  // MARSYS's count as the app takes it: from the lengths the byte scan counted.
  const t1 = performance.now()
  const tokens = file.marsysTokenTotal
  const tokenCountMs = since(t1)

  const t2 = performance.now()
  const target = Math.floor(count / 2)
  const edited = file.decodeMessage(target)
  const replacement =
    edited instanceof PyObject
      ? new PyObject(edited.entries).set('content', 'edited by the benchmark')
      : 'edited'
  const sources = Array.from({ length: count }, (_, i) =>
    i === target ? newMessage(replacement) : keepMessage(i),
  )
  const chunks = saveMarsysFileChunks(file, { messages: sources })
  const buildMs = since(t2)
  await atomicWriteFile(path, chunks, { backup: true })
  const saveMs = since(t2)

  return {
    messages: count,
    firstRowsMs,
    indexMs,
    tokens,
    tokenCountMs,
    saveBuildMs: buildMs,
    saveMs,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }
}

/** MARSYS's token total from nothing: read the file, scan it and add up every message's count. */
export async function tokenTotalPhase(path: string): Promise<PhaseResult> {
  let best = Infinity
  let tokens = 0
  for (let i = 0; i < REPEATS; i++) {
    gc()
    const t0 = performance.now()
    tokens = MarsysFile.openProgressive(await readWholeFile(path)).marsysTokenTotal
    best = Math.min(best, since(t0))
  }
  return { tokenTotalMs: best, tokens }
}

export const PHASES = {
  floor: floorPhase,
  saveFloor: saveFloorPhase,
  tokenTotal: tokenTotalPhase,
  open: openPhase,
  session: sessionPhase,
  appOpen: appOpenPhase,
  app: documentPhase,
} as const
export type PhaseName = keyof typeof PHASES
