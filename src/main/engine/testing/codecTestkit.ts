import { readFileSync, readdirSync } from 'node:fs'
import { MARSYS_FIXTURES, fixturePath } from './fixtures'

/** Every file MARSYS itself wrote (the top-level `*.json` fixtures). */
export const SAVED_FIXTURES = readdirSync(MARSYS_FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()

export const readFixture = (name: string): Buffer => readFileSync(fixturePath(name))

/**
 * A minimal line diff (LCS over lines): the 1-based numbers of removed old lines and added new lines.
 * Quadratic, for test-sized files only.
 */
export function lineDiff(oldText: string, newText: string): { removed: number[]; added: number[] } {
  const a = oldText.split('\n')
  const b = newText.split('\n')
  const lcs: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1))
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1])
    }
  }
  const removed: number[] = []
  const added: number[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++
      j++
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) added.push(++j)
    else removed.push(++i)
  }
  return { removed, added }
}

/** 1-based line number of a byte offset. */
export function lineOf(buf: Buffer, offset: number): number {
  let line = 1
  for (let i = 0; i < offset; i++) if (buf[i] === 0x0a) line++
  return line
}
