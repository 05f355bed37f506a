import { spawn } from 'node:child_process'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeGeneratedMarsysFile } from './generateMarsysFile'
import { FIRST_ROWS, PHASES, type PhaseName, type PhaseResult } from './marsysPhases'
import type { BenchRow } from './types'

export interface MarsysBenchOptions {
  /** Messages in the generated file (default 100,000 ≈ 100 MB). */
  messages?: number
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

const TARGET_OPEN_RATIO = 1.5
const TARGET_SAVE_MS = 1000
const TARGET_RSS_RATIO = 4
const MB = 1024 * 1024
/** A fixed timestamp keeps the generated file identical between runs. */
const GENERATED_TIMESTAMP = 1795317863.1020892

/** The MARSYS codec benchmark: generate a large save file, then measure open, token count, save and memory. */
export async function runMarsysBench(opts: MarsysBenchOptions = {}): Promise<BenchRow[]> {
  const count = opts.messages ?? 100_000
  const dir = await mkdtemp(join(tmpdir(), 'mi-marsys-bench-'))
  try {
    const path = join(dir, 'memory.json')
    const t0 = performance.now()
    writeGeneratedMarsysFile(path, count, GENERATED_TIMESTAMP)
    const generateMs = performance.now() - t0
    const bytes = (await stat(path)).size

    const run = (phase: PhaseName): Promise<PhaseResult> =>
      opts.script ? runInChild(opts.script, phase, path) : PHASES[phase](path)
    const floor = await run('floor')
    const open = await run('open')
    const session = await run('session')
    const app = await run('app')
    return reportRows({ count, bytes, generateMs, floor, open, session, app })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

function reportRows(r: {
  count: number
  bytes: number
  generateMs: number
  floor: PhaseResult
  open: PhaseResult
  session: PhaseResult
  app: PhaseResult
}): BenchRow[] {
  const floorMs = r.floor.floorMs
  const openRatio = r.open.firstRowsMs / floorMs
  const rssRatio = r.session.peakRssBytes / r.bytes
  return [
    {
      name: `generated file (${r.count.toLocaleString('en-US')} messages)`,
      value: round(r.bytes / MB),
      unit: 'MB',
    },
    { name: 'generate file', value: round(r.generateMs), unit: 'ms' },
    { name: 'floor: fs.readFile + JSON.parse', value: round(floorMs), unit: 'ms' },
    { name: `open until first ${FIRST_ROWS} messages decoded`, value: round(r.open.firstRowsMs), unit: 'ms' },
    {
      name: `open until first ${FIRST_ROWS} messages / floor`,
      value: round(openRatio),
      unit: '×',
      target: `≤ ${TARGET_OPEN_RATIO}× floor`,
      ok: openRatio <= TARGET_OPEN_RATIO,
    },
    { name: 'full message index (all spans)', value: round(r.open.fullIndexMs), unit: 'ms' },
    { name: 'full message index / floor', value: round(r.open.fullIndexMs / floorMs), unit: '×' },
    {
      name: `token count over all ${r.session.messages.toLocaleString('en-US')} messages`,
      value: round(r.session.tokenCountMs),
      unit: 'ms',
    },
    { name: 'token count / floor', value: round(r.session.tokenCountMs / floorMs), unit: '×' },
    { name: 'MARSYS tokens (total)', value: r.session.tokens, unit: 'tokens' },
    { name: 'save after one edit: build bytes', value: round(r.session.saveBuildMs), unit: 'ms' },
    {
      name: 'save after one edit (atomic write + fsync + .bak)',
      value: round(r.session.saveMs),
      unit: 'ms',
      target: `≤ ${TARGET_SAVE_MS} ms`,
      ok: r.session.saveMs <= TARGET_SAVE_MS,
    },
    {
      name: 'peak RSS (open + index + tokens + edit + save)',
      value: round(r.session.peakRssBytes / MB),
      unit: 'MB',
    },
    {
      name: 'peak RSS / file size',
      value: round(rssRatio),
      unit: '×',
      target: `≤ ${TARGET_RSS_RATIO}× file size`,
      ok: rssRatio <= TARGET_RSS_RATIO,
    },
    {
      name: `app: document.open until first ${FIRST_ROWS} rows`,
      value: round(r.app.firstRowsMs),
      unit: 'ms',
    },
    {
      name: `app: document.open until first ${FIRST_ROWS} rows / floor`,
      value: round(r.app.firstRowsMs / floorMs),
      unit: '×',
      target: `≤ ${TARGET_OPEN_RATIO}× floor`,
      ok: r.app.firstRowsMs / floorMs <= TARGET_OPEN_RATIO,
    },
    {
      name: 'app: background index complete (tokens, pairing, lint flags)',
      value: round(r.app.fullIndexMs),
      unit: 'ms',
    },
    { name: 'app: one edit (command + re-index)', value: round(r.app.editMs), unit: 'ms' },
    {
      name: 'app: document.save after one edit',
      value: round(r.app.saveMs),
      unit: 'ms',
      target: `≤ ${TARGET_SAVE_MS} ms`,
      ok: r.app.saveMs <= TARGET_SAVE_MS,
    },
    {
      name: 'app: peak RSS / file size',
      value: round(r.app.peakRssBytes / r.bytes),
      unit: '×',
      target: `≤ ${TARGET_RSS_RATIO}× file size`,
      ok: r.app.peakRssBytes / r.bytes <= TARGET_RSS_RATIO,
    },
  ]
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
