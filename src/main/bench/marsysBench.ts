import { spawn } from 'node:child_process'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GENERATED_TIMESTAMP, writeGeneratedMarsysFile } from './generateMarsysFile'
import { pythonLoadPhase } from './floorPhases'
import { FIRST_ROWS, PHASES, type PhaseName, type PhaseResult } from './marsysPhases'
import type { BenchRow } from './types'

export interface MarsysBenchOptions {
  /** Messages in each generated file (default 10,000 and 100,000; ~1 KB a message). */
  sizes?: readonly number[]
  /**
   * Run each phase in a fresh Node process started from this script (the built bench entry), so timings do not
   * share a heap and peak RSS is per phase. Without it, phases run in this process (tests).
   */
  script?: string
}

/** Marker line a phase child prints its result on. */
export const PHASE_RESULT_PREFIX = 'MARSYS_PHASE_RESULT '
/** argv of a phase child: `<script> --marsys-phase <name> <file>`. */
export const PHASE_FLAG = '--marsys-phase'

export const DEFAULT_SIZES = [10_000, 100_000] as const

/** The goals of issue 14, each against a floor measured in the same run. */
const TARGET_OPEN_RATIO = 1
const TARGET_PYTHON_RATIO = 3
const TARGET_SAVE_RATIO = 1.5
const TARGET_EDIT_MS = 20
const TARGET_TOKEN_MS_PER_100K = 300
const TARGET_RSS_RATIO = 2.5
/** Below this many messages the fixed cost of a Node heap dominates peak RSS: no RSS target there. */
const RSS_TARGET_FROM = 100_000
const MB = 1024 * 1024
/** A fixed timestamp keeps the generated file identical between runs. */

interface SizeResults {
  count: number
  bytes: number
  generateMs: number
  floor: PhaseResult
  saveFloor: PhaseResult
  python: PhaseResult | null
  open: PhaseResult
  tokenTotal: PhaseResult
  session: PhaseResult
  appOpen: PhaseResult
  app: PhaseResult
}

/**
 * The MARSYS file benchmark: for each size, generate a save file, then measure open, MARSYS's own load, save, one
 * edit, the token total and memory against their floors (V8's parse, a plain write + fsync, CPython).
 */
export async function runMarsysBench(opts: MarsysBenchOptions = {}): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  for (const count of opts.sizes ?? DEFAULT_SIZES)
    rows.push(...reportRows(await measureSize(count, opts.script)))
  return rows
}

async function measureSize(count: number, script: string | undefined): Promise<SizeResults> {
  const dir = await mkdtemp(join(tmpdir(), 'mi-marsys-bench-'))
  try {
    const path = join(dir, 'memory.json')
    const t0 = performance.now()
    writeGeneratedMarsysFile(path, count, GENERATED_TIMESTAMP)
    const generateMs = performance.now() - t0
    const bytes = (await stat(path)).size

    const run = (phase: PhaseName): Promise<PhaseResult> =>
      script ? runInChild(script, phase, path) : PHASES[phase](path)
    const floor = await run('floor')
    const saveFloor = await run('saveFloor')
    const python = await pythonLoadPhase(path)
    const open = await run('open')
    const tokenTotal = await run('tokenTotal')
    const appOpen = await run('appOpen')
    // The session and the app save over the file: they come last, the app's on the file as generated.
    const session = await run('session')
    writeGeneratedMarsysFile(path, count, GENERATED_TIMESTAMP)
    const app = await run('app')
    return { count, bytes, generateMs, floor, saveFloor, python, open, tokenTotal, session, appOpen, app }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

const sizeLabel = (count: number): string =>
  count >= 1000 && count % 1000 === 0 ? `${count / 1000}k` : count.toLocaleString('en-US')

function reportRows(r: SizeResults): BenchRow[] {
  const at = `[${sizeLabel(r.count)}]`
  const floorMs = r.floor.floorMs
  const appOpenMs = r.appOpen.firstRowsMs
  const appOpenRatio = appOpenMs / floorMs
  const tokenTarget = (TARGET_TOKEN_MS_PER_100K * r.count) / 100_000
  const saveRatio = r.app.saveMs / r.saveFloor.saveFloorMs
  const rssRatio = r.app.peakRssBytes / r.bytes
  const rows: BenchRow[] = [
    {
      name: `${at} generated file (${r.count.toLocaleString('en-US')} messages)`,
      value: round(r.bytes / MB),
      unit: 'MB',
    },
    { name: `${at} generate file`, value: round(r.generateMs), unit: 'ms' },
    { name: `${at} floor: fs.readFileSync + JSON.parse`, value: round(floorMs), unit: 'ms' },
    {
      name: `${at} floor: plain write + fsync of the same bytes`,
      value: round(r.saveFloor.saveFloorMs),
      unit: 'ms',
    },
    {
      name: `${at} codec: open until first ${FIRST_ROWS} messages decoded`,
      value: round(r.open.firstRowsMs),
      unit: 'ms',
    },
    { name: `${at} codec: full scan`, value: round(r.open.fullIndexMs), unit: 'ms' },
    {
      name: `${at} app: document.open until first ${FIRST_ROWS} rows (best of 3)`,
      value: round(appOpenMs),
      unit: 'ms',
    },
    {
      name: `${at} app: the same, first open in a fresh process`,
      value: round(r.appOpen.firstOpenMs),
      unit: 'ms',
    },
    {
      name: `${at} app: open until first ${FIRST_ROWS} rows / V8 floor`,
      value: round(appOpenRatio),
      unit: '×',
      target: `≤ ${TARGET_OPEN_RATIO}×`,
      ok: appOpenRatio <= TARGET_OPEN_RATIO,
    },
  ]
  if (r.python) {
    const pythonRatio = r.python.loadMs / appOpenMs
    rows.push(
      { name: `${at} MARSYS load_from_file (CPython port)`, value: round(r.python.loadMs), unit: 'ms' },
      {
        name: `${at} MARSYS load_from_file / app open`,
        value: round(pythonRatio),
        unit: '×',
        target: `≥ ${TARGET_PYTHON_RATIO}×`,
        ok: pythonRatio >= TARGET_PYTHON_RATIO,
      },
    )
  }
  rows.push(
    {
      name: `${at} app: final token total in the header (end of the byte scan)`,
      value: round(r.app.finalTokensMs),
      unit: 'ms',
    },
    { name: `${at} app: background index complete`, value: round(r.app.fullIndexMs), unit: 'ms' },
    {
      name: `${at} MARSYS token total (read + scan + count)`,
      value: round(r.tokenTotal.tokenTotalMs),
      unit: 'ms',
      target: `< ${round(tokenTarget)} ms`,
      ok: r.tokenTotal.tokenTotalMs < tokenTarget,
    },
    { name: `${at} MARSYS token total, counting only`, value: round(r.session.tokenCountMs), unit: 'ms' },
    { name: `${at} MARSYS tokens (total)`, value: r.tokenTotal.tokens, unit: 'tokens' },
    {
      name: `${at} app: edit one message (command + re-index)`,
      value: round(r.app.editMs),
      unit: 'ms',
      target: `≤ ${TARGET_EDIT_MS} ms`,
      ok: r.app.editMs <= TARGET_EDIT_MS,
    },
    { name: `${at} app: delete one message (splices the index)`, value: round(r.app.deleteMs), unit: 'ms' },
    { name: `${at} app: document.save after one edit`, value: round(r.app.saveMs), unit: 'ms' },
    {
      name: `${at} app: save after one edit / plain write + fsync`,
      value: round(saveRatio),
      unit: '×',
      target: `≤ ${TARGET_SAVE_RATIO}×`,
      ok: saveRatio <= TARGET_SAVE_RATIO,
    },
    {
      name: `${at} codec: save after one edit (atomic write + fsync + .bak)`,
      value: round(r.session.saveMs),
      unit: 'ms',
    },
    { name: `${at} app: search all messages`, value: round(r.app.searchMs), unit: 'ms' },
    {
      name: `${at} app: search all messages, a phrase in one message`,
      value: round(r.app.rareSearchMs),
      unit: 'ms',
    },
    {
      name: `${at} app: peak RSS (open → edit → save → search)`,
      value: round(r.app.peakRssBytes / MB),
      unit: 'MB',
    },
    {
      name: `${at} app: peak RSS / file size`,
      value: round(rssRatio),
      unit: '×',
      ...(r.count >= RSS_TARGET_FROM
        ? { target: `≤ ${TARGET_RSS_RATIO}×`, ok: rssRatio <= TARGET_RSS_RATIO }
        : {}),
    },
  )
  return rows
}

const round = (n: number): number => Math.round(n * 100) / 100

function runInChild(script: string, phase: PhaseName, path: string): Promise<PhaseResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', script, PHASE_FLAG, phase, path], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d))
    child.on('error', reject)
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(PHASE_RESULT_PREFIX))
      if (code !== 0 || !line) reject(new Error(`benchmark phase ${phase} failed (exit ${code})`))
      else resolve(JSON.parse(line.slice(PHASE_RESULT_PREFIX.length)) as PhaseResult)
    })
  })
}

/** In a phase child: runs the phase named on the command line and prints its result. Returns false if not a child. */
export async function runPhaseFromArgv(argv: readonly string[]): Promise<boolean> {
  const at = argv.indexOf(PHASE_FLAG)
  if (at < 0) return false
  const phase = argv[at + 1] as PhaseName
  const path = argv[at + 2]
  if (!(phase in PHASES) || !path)
    throw new Error(`usage: ${PHASE_FLAG} <${Object.keys(PHASES).join('|')}> FILE`)
  const result = await PHASES[phase](path)
  process.stdout.write(`${PHASE_RESULT_PREFIX}${JSON.stringify(result)}\n`)
  return true
}
