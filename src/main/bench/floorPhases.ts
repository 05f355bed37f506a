import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { open, readFile, rm } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'

type PhaseResult = Record<string, number>

const REPEATS = 3
/**
 * How many times a save of `bytes` is timed (app and floor alike, the best counting). This disk stalls writes now
 * and then, for 3–5 times their usual time (350 ms instead of 85 at 100 MB, in runs of two or three): enough rounds
 * that both sides get some without a stall, more for small files, whose rounds are short.
 */
export function saveRepeats(bytes: number): number {
  return Math.max(7, Math.min(21, Math.round((1024 * 1024 * 1024) / Math.max(bytes, 1))))
}
const since = (t0: number): number => performance.now() - t0

/**
 * Commits the folder's journal, so blocks freed just before (the previous round's file) are freed before a timed
 * write starts: the next fsync would wait for them otherwise. Saves in use are seconds apart; rounds here are not.
 */
export async function settleDisk(folder: string): Promise<void> {
  const handle = await open(folder, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** The save floor: one plain write of the file's bytes to a new file beside it, then fsync (best of `saveRepeats`). */
export async function saveFloorPhase(path: string): Promise<PhaseResult> {
  const bytes = await readFile(path)
  const copy = join(dirname(path), '.save-floor.tmp')
  let best = Infinity
  try {
    for (let i = 0, rounds = saveRepeats(bytes.length); i < rounds; i++) {
      await rm(copy, { force: true })
      await settleDisk(dirname(path))
      const t0 = performance.now()
      const handle = await open(copy, 'wx')
      try {
        await handle.writeFile(bytes)
        await handle.sync()
      } finally {
        await handle.close()
      }
      best = Math.min(best, since(t0))
    }
  } finally {
    await rm(copy, { force: true })
  }
  return { saveFloorMs: best }
}

const PYTHON_SCRIPT = 'marsys_load.py'

/** The port of MARSYS's `load_from_file`, beside the sources (the bench runs from the repository's root). */
function pythonScript(): string | null {
  const candidates = [
    resolve('src/main/bench', PYTHON_SCRIPT),
    resolve(__dirname, PYTHON_SCRIPT),
    resolve(__dirname, '../../src/main/bench', PYTHON_SCRIPT),
  ]
  return candidates.find((candidate) => existsSync(candidate)) ?? null
}

/**
 * MARSYS's own load, in CPython (`python3`): `json.load` and the Message list its `load_from_file` builds (best of
 * 3, timed inside Python so interpreter start-up is not counted). Null when Python or the script is missing.
 */
export function pythonLoadPhase(path: string): Promise<PhaseResult | null> {
  const script = pythonScript()
  if (!script) return Promise.resolve(null)
  return new Promise((done) => {
    const child = spawn('python3', [script, path, String(REPEATS)], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d))
    child.on('error', () => done(null))
    child.on('close', (code) => {
      try {
        done(code === 0 ? (JSON.parse(out.trim().split('\n').pop() ?? '') as PhaseResult) : null)
      } catch {
        done(null)
      }
    })
  })
}
