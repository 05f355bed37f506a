import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startWebMode } from '../web'
import { CHROMIUM_ARGS, chooseChromium } from './chromium'
import { GENERATED_TIMESTAMP, writeGeneratedMarsysFile } from './generateMarsysFile'
import { measureScrolling, WHEEL_STEPS, type Frames, type ScrollFrames } from './scrollFrames'
import type { BenchRow } from './types'

const MESSAGES = 100_000
const FILE_NAME = 'memory-100k.json'
/** The targets of issue 14: no frame over 50 ms, no blank rows in view for more than a frame or two. */
const TARGET_LATE_FRAMES = 0
const TARGET_BLANK_FRAMES = 2
const LOAD_TIMEOUT_MS = 180_000

/**
 * Scrolling a 100,000-message file in web mode with headless Chromium: frames over 50 ms while wheel-scrolling the
 * timeline and flinging the table, beside the same page left idle for as long (what the machine alone costs, the
 * floor of this row). Skipped, with the reason as its row, where no Chromium can be launched.
 */
export async function runScrollBench(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'mi-scroll-bench-'))
  try {
    const file = join(dir, FILE_NAME)
    writeGeneratedMarsysFile(file, MESSAGES, GENERATED_TIMESTAMP)
    const frames = await measureInChromium(file, join(dir, 'data'))
    return typeof frames === 'string' ? [skippedRow(frames)] : rows(frames)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

async function measureInChromium(file: string, dataDir: string): Promise<ScrollFrames | string> {
  const { chromium } = await import('@playwright/test')
  const choice = chooseChromium()
  const browser = await chromium
    .launch({ executablePath: choice.executablePath, args: CHROMIUM_ARGS })
    .catch((error: Error) => `cannot launch ${choice.description}: ${error.message.split('\n')[0]}`)
  if (typeof browser === 'string') return browser
  const server = await startWebMode({ paths: [file], dataDir })
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } })
    await page.goto(server.url)
    const main = page.getByRole('main', { name: FILE_NAME })
    await main.getByText(/^[\d,]+ MARSYS tokens$/).waitFor({ timeout: LOAD_TIMEOUT_MS })
    return await measureScrolling(page, FILE_NAME)
  } finally {
    await browser.close()
    await server.close()
  }
}

function skippedRow(reason: string): BenchRow {
  return { name: `[100k] scrolling (skipped: ${reason})`, value: 0, unit: '' }
}

const at = '[100k]'

function rows({ idle, wheel, fling }: ScrollFrames): BenchRow[] {
  const late = (name: string, frames: Frames): BenchRow[] => [
    {
      name: `${at} ${name}: frames over 50 ms (of ${frames.frames})`,
      value: frames.over50,
      unit: 'frames',
      target: `${TARGET_LATE_FRAMES} (page idle: ${idle.over50} of ${idle.frames})`,
      ok: frames.over50 <= TARGET_LATE_FRAMES,
    },
    { name: `${at} ${name}: longest frame`, value: frames.longest, unit: 'ms' },
    {
      name: `${at} ${name}: long tasks (longest ${frames.longestTask} ms)`,
      value: frames.longTasks,
      unit: '',
    },
  ]
  return [
    {
      name: `${at} floor: page idle, frames over 50 ms (of ${idle.frames})`,
      value: idle.over50,
      unit: 'frames',
    },
    { name: `${at} floor: page idle, longest frame`, value: idle.longest, unit: 'ms' },
    ...late(`timeline, ${WHEEL_STEPS} mouse-wheel steps`, wheel),
    ...late('table fling, first row to last', fling),
    {
      name: `${at} table fling: frames with a blank row in view`,
      value: fling.blankFrames,
      unit: 'frames',
      target: `≤ ${TARGET_BLANK_FRAMES}`,
      ok: fling.blankFrames <= TARGET_BLANK_FRAMES,
    },
  ]
}
