import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { canMakeFifo, makeFifo } from '../engine/testing/fifo'
import { main } from './main'
import { captureIo, type CapturedIo } from './testing/testIo'

let dir: string
let io: CapturedIo
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mi-cli-hardening-'))
  io = captureIo(dir)
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

// The content starts at column 82 of this line.
const fileWith = (content: string): string =>
  `{"memory_type": "conversation_history", "messages": [{"role": "user", "content": ${content}}]}`

describe('inputs that are not regular files', () => {
  it.skipIf(!canMakeFifo)('refuses a FIFO instead of waiting for a writer', async () => {
    makeFifo(join(dir, 'pipe.json'))
    expect(await main(['validate', '--json', 'pipe.json'], io)).toBe(1)
    expect(JSON.parse(io.out)[0].errors[0].message).toBe(
      'pipe.json is a named pipe (FIFO), not a regular file: only regular files can be read',
    )
    io.out = ''
    expect(await main(['stats', 'pipe.json'], io)).toBe(1)
    expect(io.err).toBe(
      'memory-inspector: pipe.json is a named pipe (FIFO), not a regular file: only regular files can be read\n',
    )
  })
})

describe('nesting deeper than MARSYS loads', () => {
  it('stats refuses 4,000 levels with the place instead of an unexpected error', async () => {
    await writeFile(join(dir, 'deep.json'), fileWith('['.repeat(4000) + ']'.repeat(4000)))
    expect(await main(['stats', 'deep.json'], io)).toBe(1)
    expect(io.err).toBe(
      'memory-inspector: deep.json: line 1, column 1576: nested more than 1497 levels deep at ' +
        "$.messages[0].content[0][0][0][0][0]…(1486 more)…[0][0][0] (CPython 3.12's json raises RecursionError " +
        'past 1497 levels, so MARSYS cannot load it on Python 3.12 (3.13 reads up to 9998))\n',
    )
  })

  it('validate says MARSYS cannot load it, with the place', async () => {
    await writeFile(join(dir, 'deep.json'), fileWith('{"a": '.repeat(5000) + '1' + '}'.repeat(5000)))
    expect(await main(['validate', '--json', 'deep.json'], io)).toBe(1)
    const [result] = JSON.parse(io.out)
    expect(result.marsys_loadable).toBe(false)
    expect(result.errors).toEqual([
      {
        message:
          'nested more than 1497 levels deep at $.messages[0].content.a.a.a.a.a…(1486 more)….a.a.a: ' +
          "CPython 3.12's json raises RecursionError past 1497 levels, so MARSYS cannot load it on Python 3.12 " +
          '(3.13 reads up to 9998)',
        path: '$.messages[0].content.a.a.a.a.a…(1486 more)….a.a.a',
        line: 1,
        column: 82 + 6 * 1494,
      },
    ])
  })
})

describe('stats counts numbers as MARSYS does', () => {
  it('counts floats from their Python repr', async () => {
    // 13: MARSYS's DefaultTokenCounter (src/marsys/utils/tokens.py) under CPython 3.11.7 on json.loads of this
    // message; the first element of the list below is its `count_message`.
    await writeFile(
      join(dir, 'numbers.json'),
      '{"memory_type": "conversation_history", "messages": [' +
        '{"role": "user", "content": "hello there, how are you doing today?", "name": 1e+308}, ' +
        '{"role": "user", "content": [5.0, 1E+2, 1e-400, -0.0, 1e+16, 100000000000000000000], "name": 5.0}]}',
    )
    expect(await main(['stats', '--json', '--per-message', 'numbers.json'], io)).toBe(0)
    expect(JSON.parse(io.out).per_message).toEqual([13, 11])
  })
})
