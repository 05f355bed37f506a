import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MarsysFile } from '../marsys/codec/marsysFile'
import { fixturePath, REPO_ROOT } from '../testing/fixtures'
import { alignRows, ROW_ADDED, ROW_CHANGED, ROW_REMOVED, ROW_SAME, type AlignOptions } from './alignRows'
import { ALIGN_WORKER_FILE, AlignRunner } from './alignRunner'
import { compareSides } from './compareSides'
import { Interner, plainOfRaw, SideFingerprints } from './fingerprints'
import { diffMessages, MAX_LINE_PAIRS } from './messageDiff'
import type { ComparedSide } from './sides'

type Message = Record<string, unknown>

function fixtureMessages(name: string): Message[] {
  const file = MarsysFile.open(readFileSync(fixturePath(name)))
  return Array.from({ length: file.messageCount }, (_, i) => file.decodeMessagePlain(i) as Message)
}

const TOOL_CALLS = fixtureMessages('03_tool_calls.json')

const sideOf = (label: string, messages: unknown[]): ComparedSide => ({
  label,
  format: 'file',
  count: messages.length,
  plain: (i) => messages[i],
  raw: (i) => JSON.stringify(messages[i], null, 2),
  checkUnchanged: () => undefined,
})

/** The alignment as readable tuples: [kind, left position, right position]. */
function printsOf(interner: Interner, messages: unknown[]) {
  const side = new SideFingerprints(messages.length, interner)
  messages.forEach((message, i) => side.add(i, message))
  return side.result()
}

function align(left: unknown[], right: unknown[], options?: AlignOptions): [string, number, number][] {
  const interner = new Interner()
  const rows = alignRows(printsOf(interner, left), printsOf(interner, right), options)
  const names = {
    [ROW_SAME]: 'same',
    [ROW_CHANGED]: 'changed',
    [ROW_REMOVED]: 'removed',
    [ROW_ADDED]: 'added',
  }
  return Array.from(rows.kinds, (kind, r) => [names[kind as 0], rows.left[r], rows.right[r]])
}

const kinds = (rows: [string, number, number][]) => rows.map(([kind]) => kind)
const count = (rows: [string, number, number][], kind: string) => rows.filter(([k]) => k === kind).length

describe('alignRows', () => {
  it('aligns two empty conversations to no rows, and one empty side to all added or all removed', () => {
    expect(align([], [])).toEqual([])
    expect(kinds(align([], TOOL_CALLS))).toEqual(TOOL_CALLS.map(() => 'added'))
    expect(align(TOOL_CALLS, []).map(([kind, l, r]) => [kind, l, r])).toEqual(
      TOOL_CALLS.map((_, i) => ['removed', i, -1]),
    )
  })

  it('matches identical conversations row for row', () => {
    const rows = align(TOOL_CALLS, structuredClone(TOOL_CALLS))
    expect(rows).toEqual(TOOL_CALLS.map((_, i) => ['same', i, i]))
  })

  it('pairs an edited message as changed and keeps the rest the same', () => {
    const edited = structuredClone(TOOL_CALLS)
    edited[1].content = 'Weather in Oslo instead.'
    const rows = align(TOOL_CALLS, edited)
    expect(rows[1]).toEqual(['changed', 1, 1])
    expect(count(rows, 'same')).toBe(TOOL_CALLS.length - 1)
  })

  it('shows a change outside role, content and tool calls (a tool name) as changed, not same', () => {
    const edited = structuredClone(TOOL_CALLS)
    edited[3].name = 'renamed_tool'
    const rows = align(TOOL_CALLS, edited)
    expect(rows[3]).toEqual(['changed', 3, 3])
    expect(count(rows, 'changed')).toBe(1)
  })

  it('pairs an edited user message with the user message, not with an assistant message inserted before it', () => {
    const edited = structuredClone(TOOL_CALLS)
    edited[1].content = 'Weather in Oslo instead.'
    edited.splice(1, 0, { role: 'assistant', content: 'Inserted.' })
    const rows = align(TOOL_CALLS, edited)
    expect(rows.slice(1, 3)).toEqual([
      ['added', -1, 1],
      ['changed', 1, 2],
    ])
    expect(count(rows, 'same')).toBe(TOOL_CALLS.length - 1)
  })

  it('finds a moved message as removed in one place and added in another (a reorder)', () => {
    const moved = [...TOOL_CALLS.slice(1), TOOL_CALLS[0]]
    const rows = align(TOOL_CALLS, moved)
    expect(count(rows, 'removed')).toBe(1)
    expect(count(rows, 'added')).toBe(1)
    expect(count(rows, 'same')).toBe(TOOL_CALLS.length - 1)
    expect(rows.find(([kind]) => kind === 'removed')).toEqual(['removed', 0, -1])
    expect(rows.find(([kind]) => kind === 'added')).toEqual(['added', -1, TOOL_CALLS.length - 1])
  })

  it('pairs conversations with nothing in common by role, every message once', () => {
    const other = fixtureMessages('01_plain_conversation.json')
    const rows = align(TOOL_CALLS, other)
    expect(count(rows, 'same')).toBe(0)
    expect(rows.filter(([, l]) => l >= 0).map(([, l]) => l)).toEqual(TOOL_CALLS.map((_, i) => i))
    expect(rows.filter(([, , r]) => r >= 0).map(([, , r]) => r)).toEqual(other.map((_, i) => i))
  })

  it('falls back to pairing by position when the sides differ beyond the edit budget', () => {
    const left = Array.from({ length: 50 }, (_, i) => ({ role: 'user', content: `left ${i}` }))
    const right = Array.from({ length: 60 }, (_, i) => ({ role: 'user', content: `right ${i}` }))
    const interner = new Interner()
    const rows = alignRows(printsOf(interner, left), printsOf(interner, right), { maxEditLength: 10 })
    expect(rows.approximate).toBe(true)
    expect(Array.from(rows.kinds).filter((k) => k === ROW_CHANGED)).toHaveLength(50)
    expect(Array.from(rows.kinds).filter((k) => k === ROW_ADDED)).toHaveLength(10)
  })

  it('aligns a 20,000-message file against itself with a few edits exactly', () => {
    const large = fixtureMessages('12_large_20000.json')
    const edited = structuredClone(large)
    edited[5].content = 'changed early'
    edited.splice(10_000, 2)
    edited.push({ role: 'user', content: 'one more' })
    const rows = align(large, edited)
    expect(count(rows, 'changed')).toBe(1)
    expect(count(rows, 'removed')).toBe(2)
    expect(count(rows, 'added')).toBe(1)
    expect(count(rows, 'same')).toBe(large.length - 3)
  })
})

describe('plainOfRaw', () => {
  it('reads what only Python writes, and keeps a text no parser reads as a string', () => {
    expect(plainOfRaw('{"role": "tool", "content": NaN}')).toEqual({ role: 'tool', content: NaN })
    const deep = `${'['.repeat(5_000)}${']'.repeat(5_000)}`
    expect(plainOfRaw(`{"role": "user", "content": ${deep}`)).toBe(`{"role": "user", "content": ${deep}`)
  })
})

describe('diffMessages', () => {
  it('marks the changed words of a changed line on both sides and keeps the unchanged lines', () => {
    const before = TOOL_CALLS[1]
    const after = { ...before, content: 'Weather in Oslo and Berlin, then convert 20 C to F.' }
    const { lines, truncated } = diffMessages(before, after, { left: true, right: true })
    expect(truncated).toBe(false)
    const changed = lines.find((pair) => pair.left?.kind === 'removed')!
    expect(changed.right?.kind).toBe('added')
    const markedLeft = changed.left!.marks!.map(([from, to]) => changed.left!.text.slice(from, to))
    const markedRight = changed.right!.marks!.map(([from, to]) => changed.right!.text.slice(from, to))
    expect(markedLeft).toEqual(['Paris'])
    expect(markedRight).toEqual(['Oslo'])
    expect(
      lines.some((pair) => pair.left?.kind === 'same' && pair.left.text.includes('"role": "user"')),
    ).toBe(true)
  })

  it('shows a removed or added message as its JSON on one side only', () => {
    const removed = diffMessages(TOOL_CALLS[2], undefined, { left: true, right: false })
    expect(removed.lines.every((pair) => pair.left?.kind === 'removed' && pair.right === null)).toBe(true)
    expect(removed.lines.map((pair) => pair.left!.text).join('\n')).toContain('"tool_calls"')
    const added = diffMessages(undefined, TOOL_CALLS[2], { left: false, right: true })
    expect(added.lines.every((pair) => pair.right?.kind === 'added' && pair.left === null)).toBe(true)
  })

  it('collapses long unchanged stretches into a gap', () => {
    const big = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`field${i}`, i]))
    const { lines } = diffMessages(
      { role: 'user', ...big, z: 1 },
      { role: 'user', ...big, z: 2 },
      { left: true, right: true },
    )
    const gap = lines.find((pair) => pair.left?.kind === 'gap')
    expect(gap?.left?.text).toMatch(/unchanged lines/)
    expect(lines.length).toBeLessThan(10)
  })

  it('bounds a huge message: text cut, lines capped, the row says so', () => {
    const huge = { role: 'user', content: Array.from({ length: 5_000 }, (_, i) => `line ${i}`).join('\n') }
    const other = { role: 'user', content: `${'x'.repeat(200_000)}` }
    const many = diffMessages(
      { role: 'tool', items: Array.from({ length: 2_000 }, (_, i) => `a${i}`) },
      { role: 'tool', items: Array.from({ length: 2_000 }, (_, i) => `b${i}`) },
      { left: true, right: true },
    )
    expect(many.lines).toHaveLength(MAX_LINE_PAIRS)
    expect(many.truncated).toBe(true)
    const long = diffMessages(huge, other, { left: true, right: true })
    expect(long.truncated).toBe(true)
    for (const pair of long.lines)
      for (const line of [pair.left, pair.right]) expect(line?.text.length ?? 0).toBeLessThanOrEqual(1_000)
  })
})

describe('compareSides', () => {
  it('summarises, pages the rows and the changes, and steps between changes', async () => {
    const edited = structuredClone(TOOL_CALLS)
    edited[1].content = 'Weather in Oslo.'
    edited.splice(4, 1)
    edited.push({ role: 'user', content: 'Thanks!' })
    const comparison = await compareSides(
      'c1',
      sideOf('before', TOOL_CALLS),
      sideOf('after', edited),
      new AlignRunner('inline'),
    )
    expect(comparison.summary()).toMatchObject({
      compareId: 'c1',
      left: { label: 'before', count: 11 },
      right: { label: 'after', count: 11 },
      changed: 1,
      removed: 1,
      added: 1,
      same: 9,
      changes: 3,
      rows: 12,
      approximate: false,
    })
    const changes = comparison.window(0, 10, true)
    expect(changes.total).toBe(3)
    expect(changes.rows.map((row) => row.kind)).toEqual(['changed', 'removed', 'added'])
    expect(changes.rows[0].left).toMatchObject({ index: 1, role: 'user' })
    expect(changes.rows[0].right?.preview).toBe('Weather in Oslo.')
    expect(changes.rows[0].lines?.length).toBeGreaterThan(0)
    const page = comparison.window(0, 2)
    expect(page.total).toBe(12)
    expect(page.rows.map((row) => [row.kind, row.lines])).toEqual([
      ['same', undefined],
      ['changed', expect.any(Array)],
    ])
    const rows = changes.rows.map((row) => row.row)
    expect(comparison.step(-1, 'next')).toEqual({ row: rows[0], change: 0 })
    expect(comparison.step(rows[0], 'next')).toEqual({ row: rows[1], change: 1 })
    expect(comparison.step(rows[2], 'next')).toEqual({ row: null, change: null })
    expect(comparison.step(rows[2], 'previous')).toEqual({ row: rows[1], change: 1 })
    expect(comparison.step(rows[0], 'previous')).toEqual({ row: null, change: null })
  })

  it('stops when cancelled while reading', async () => {
    const large = fixtureMessages('12_large_20000.json')
    const controller = new AbortController()
    const slow: ComparedSide = {
      ...sideOf('slow', large),
      raw: (i) => {
        if (i === 100) controller.abort()
        const until = performance.now() + 0.1
        while (performance.now() < until);
        return JSON.stringify(large[i])
      },
    }
    await expect(
      compareSides('c2', slow, sideOf('other', large), new AlignRunner('inline'), {
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'cancelled' } })
  })
})

// The app aligns in the built worker (`npm test` builds before the unit tests).
describe('the built compare worker', () => {
  const built = join(REPO_ROOT, 'out', 'main', ALIGN_WORKER_FILE)
  const conversation = (count: number, suffix = '') =>
    Array.from({ length: count }, (_, i) => ({
      role: i % 2 === 0 ? 'user' : 'assistant',
      content: `message ${i}${suffix}`,
    }))

  it('is built next to the main entries', () => {
    expect(existsSync(built), 'run `npm run build` before the unit tests').toBe(true)
  })

  it('matches 100,000 messages as in-process does', async () => {
    const left = conversation(100_000)
    const right = structuredClone(left)
    right[10].content = 'edited'
    right.splice(50_000, 3)
    right.push({ role: 'user', content: 'one more' })
    const inWorker = await compareSides('w', sideOf('l', left), sideOf('r', right), new AlignRunner(built))
    const inline = await compareSides('i', sideOf('l', left), sideOf('r', right), new AlignRunner('inline'))
    expect({ ...inWorker.summary(), compareId: '' }).toEqual({ ...inline.summary(), compareId: '' })
    expect(inWorker.summary()).toMatchObject({ changed: 1, removed: 3, added: 1, same: 99_996 })
    expect(Array.from(inWorker.changeRows)).toEqual(Array.from(inline.changeRows))
  }, 90_000)

  it('ends the worker when cancelled while matching', async () => {
    const controller = new AbortController()
    const running = compareSides(
      'c',
      sideOf('l', conversation(100_000)),
      sideOf('r', conversation(100_000, ' (other)')),
      new AlignRunner(built),
      {
        signal: controller.signal,
        progress: (phase, done) => {
          if (phase === 'matching' && done === 0) setTimeout(() => controller.abort(), 20)
        },
      },
    )
    await expect(running).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'cancelled' } })
  })
})
