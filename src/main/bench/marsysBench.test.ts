import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMarsysFile, diagnoseMarsysBuffer, MarsysFile } from '../engine/marsys/codec'
import { generateMessages, writeGeneratedMarsysFile } from './generateMarsysFile'
import { runMarsysBench } from './marsysBench'
import { formatBenchTable } from './benchTable'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mi-bench-test-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('generated benchmark file', () => {
  it('is exactly what MARSYS would write for the same messages, and loads cleanly', async () => {
    const path = join(dir, 'm.json')
    const size = writeGeneratedMarsysFile(path, 500, 1795317863.5)
    const bytes = await readFile(path)
    expect(bytes.length).toBe(size)
    const expected = createMarsysFile({
      memoryType: 'conversation_history',
      messages: [...generateMessages(500)],
      timestamp: 1795317863.5,
    })
    expect(bytes.equals(expected)).toBe(true)
    const verdict = diagnoseMarsysBuffer(bytes)
    expect([verdict.marsysLoadable, verdict.errors, verdict.warnings]).toEqual([true, [], []])
    expect(MarsysFile.open(bytes).messageCount).toBe(500)
  })

  it('has the realistic mix: tool calls and results, typed arrays, dict strings, unicode, images', () => {
    const messages = [...generateMessages(2000)]
    const text = JSON.stringify(messages)
    expect(messages.some((m) => Array.isArray(m.tool_calls))).toBe(true)
    expect(messages.some((m) => m.role === 'tool' && typeof m.tool_call_id === 'string')).toBe(true)
    expect(text).toContain('data:image/png;base64,')
    expect(messages.some((m) => typeof m.content === 'string' && m.content.startsWith('{'))).toBe(true)
    expect([...text].some((c) => c.charCodeAt(0) > 0x7f)).toBe(true)
  })

  it('writes an empty message list like Python', async () => {
    const path = join(dir, 'e.json')
    writeGeneratedMarsysFile(path, 0, 1)
    expect(await readFile(path, 'utf8')).toBe(
      '{\n  "memory_type": "conversation_history",\n  "messages": [],\n  "timestamp": 1.0\n}',
    )
  })
})

describe('runMarsysBench (in process, small file)', () => {
  it('reports every figure with its target', async () => {
    const rows = await runMarsysBench({ sizes: [2000] })
    const names = rows.map((r) => r.name)
    expect(names).toEqual(
      expect.arrayContaining([
        '[2k] floor: fs.readFileSync + JSON.parse',
        '[2k] floor: plain write + fsync of the same bytes',
        '[2k] app: document.open until first 100 rows (best of 3)',
        '[2k] app: the same, first open in a fresh process',
        '[2k] app: open until first 100 rows / V8 floor',
        '[2k] MARSYS load_from_file / app open',
        '[2k] app: save after one edit / plain write + fsync',
        '[2k] app: edit one message (command + re-index)',
        '[2k] MARSYS token total (read + scan + count)',
        '[2k] app: peak RSS / file size',
      ]),
    )
    for (const r of rows) expect(Number.isFinite(r.value)).toBe(true)
    expect(rows.filter((r) => r.target !== undefined).every((r) => typeof r.ok === 'boolean')).toBe(true)
    expect(rows.find((r) => r.name === '[2k] MARSYS tokens (total)')!.value).toBeGreaterThan(2000 * 3)
    const table = formatBenchTable(rows)
    expect(table.split('\n')[0]).toMatch(/^benchmark\s+value\s+target\s+result$/)
    expect(table).toMatch(/(PASS|MISS)/)
  })
})
