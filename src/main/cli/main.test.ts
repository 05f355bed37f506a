import { chmod, copyFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MARSYS_FIXTURES, fixturePath } from '../engine/testing/fixtures'
import { main } from './main'
import { captureIo, type CapturedIo } from './testing/testIo'

const runWebMode = vi.fn(async (_args: unknown) => {})
vi.mock('../web', () => ({ runWebMode }))

let io: CapturedIo
beforeEach(() => {
  io = captureIo(MARSYS_FIXTURES)
})

describe('usage', () => {
  it('prints help with exit 0', async () => {
    expect(await main(['--help'], io)).toBe(0)
    expect(io.out).toMatch(/^Usage: memory-inspector <command>/)
  })

  it("prints a command's own usage and options for `<command> --help`", async () => {
    expect(await main(['export', 'x.json', '--help'], io)).toBe(0)
    expect(io.out).toMatch(
      /^Usage: memory-inspector export \(FILE \| --data-dir DIR --session ID\) --format F/,
    )
    expect(io.out).toContain('  -o, --out VALUE\n')
    expect(io.out).toContain('  --dry-run\n')
    expect(io.out).not.toContain('Commands:')
    const stats = captureIo(MARSYS_FIXTURES)
    expect(await main(['stats', '-h'], stats)).toBe(0)
    expect(stats.out).toMatch(/^Usage: memory-inspector stats /)
  })

  it.each([
    [[]],
    [['frobnicate']],
    [['validate']],
    [['stats', 'a.json', 'b.json']],
    [['validate', '--yaml', 'x']],
  ])('%j is a usage error (exit 2)', async (argv) => {
    expect(await main(argv, io)).toBe(2)
    expect(io.err).toMatch(/^memory-inspector: .+\n\nUsage:/)
    expect(io.out).toBe('')
  })
})

describe('validate', () => {
  it('exits 0 when every file loads, warnings allowed', async () => {
    const code = await main(
      ['validate', '01_plain_conversation.json', 'load_inputs_handmade/extra_keys_ignored.json'],
      io,
    )
    expect(code).toBe(0)
    expect(io.out).toContain(
      '01_plain_conversation.json: OK — MARSYS can load it (conversation_history, 4 messages)',
    )
    expect(io.out).toContain('extra_keys_ignored.json: OK with 3 warnings — MARSYS can load it')
    expect(io.out).toContain(
      "  warning line 3, column 3  $.version  unknown top-level key 'version' (ignored by MARSYS)",
    )
  })

  it('exits 1 when any file has errors, and shows where', async () => {
    const code = await main(
      ['validate', '01_plain_conversation.json', 'invalid/truncated_by_failed_save.json'],
      io,
    )
    expect(code).toBe(1)
    expect(io.out).toContain('truncated_by_failed_save.json: INVALID — MARSYS cannot load it\n')
    expect(io.out).toContain(
      '  error   line 17, column 19  $  invalid JSON: line 17, column 19: expected a value but found end of input\n',
    )
    expect(io.out).toContain('                  ^')
  })

  it('prints the JSON report', async () => {
    const code = await main(
      ['validate', '--json', 'load_inputs_handmade/bad_tool_call.json', '03_tool_calls.json'],
      io,
    )
    expect(code).toBe(1)
    expect(JSON.parse(io.out)).toEqual([
      {
        file: 'load_inputs_handmade/bad_tool_call.json',
        ok: false,
        memory_type: 'conversation_history',
        messages: 1,
        marsys_loadable: false,
        errors: [
          {
            message: 'message 0: tool_calls[0]: function arguments must be a string, got dict',
            path: '$.messages[0].tool_calls[0].function.arguments',
            line: 13,
            column: 26,
          },
        ],
        warnings: [],
      },
      {
        file: '03_tool_calls.json',
        ok: true,
        memory_type: 'conversation_history',
        messages: 11,
        marsys_loadable: true,
        errors: [],
        warnings: [],
      },
    ])
  })

  it('reports a missing file and a folder as errors of that file', async () => {
    const code = await main(['validate', '--json', 'nope.json', 'invalid'], io)
    expect(code).toBe(1)
    const [missing, folder] = JSON.parse(io.out)
    expect(missing.errors[0].message).toBe('nope.json: no such file')
    expect(folder.errors[0].message).toBe('invalid is a directory, not a file')
    expect(io.err).toBe('')
  })
})

describe('stats', () => {
  it('counts tokens like MARSYS (01 → 42)', async () => {
    expect(await main(['stats', '--json', '01_plain_conversation.json'], io)).toBe(0)
    expect(JSON.parse(io.out)).toEqual({
      memory_type: 'conversation_history',
      messages: 4,
      by_role: { user: 2, assistant: 2 },
      marsys_tokens: 42,
      tool_calls: 0,
      unanswered_tool_calls: 0,
      orphan_tool_results: 0,
      bytes: 457,
    })
  })

  it('counts tool calls and their answers (03 → 210)', async () => {
    expect(await main(['stats', '--json', '--per-message', '03_tool_calls.json'], io)).toBe(0)
    const stats = JSON.parse(io.out)
    expect(stats).toMatchObject({
      messages: 11,
      by_role: { system: 1, user: 2, assistant: 4, tool: 4 },
      marsys_tokens: 210,
      tool_calls: 4,
      unanswered_tool_calls: 0,
      orphan_tool_results: 0,
    })
    expect(stats.per_message).toHaveLength(11)
    expect(stats.per_message.reduce((a: number, b: number) => a + b, 0)).toBe(210)
  })

  it('finds unanswered calls and orphan results after MARSYS dropped tool_call_id (16)', async () => {
    await main(['stats', '--json', '16_resaved_03_after_load.json'], io)
    expect(JSON.parse(io.out)).toMatchObject({
      tool_calls: 4,
      unanswered_tool_calls: 4,
      orphan_tool_results: 4,
    })
  })

  it('marks entries MARSYS skips', async () => {
    await main(['stats', '--json', '--per-message', 'load_inputs_handmade/non_dict_entries_skipped.json'], io)
    expect(JSON.parse(io.out)).toMatchObject({
      by_role: { '(not an object)': 3, user: 1 },
      per_message: [null, null, null, 4],
    })
  })

  it('prints a readable table', async () => {
    await main(['stats', '--per-message', '03_tool_calls.json'], io)
    expect(io.out).toContain('  messages             11 (system 1, user 2, assistant 4, tool 4)\n')
    expect(io.out).toContain('  MARSYS tokens        210\n')
    expect(io.out).toContain('  #        tokens\n')
  })

  it('fails with one line on invalid JSON, missing files and folders', async () => {
    expect(await main(['stats', 'invalid/truncated_by_failed_save.json'], io)).toBe(1)
    expect(io.err).toBe(
      'memory-inspector: invalid/truncated_by_failed_save.json: invalid JSON: line 17, column 19: expected a value but found end of input\n',
    )
    io.err = ''
    expect(await main(['stats', 'missing.json'], io)).toBe(1)
    expect(io.err).toBe('memory-inspector: missing.json: no such file\n')
    io.err = ''
    expect(await main(['stats', 'load_inputs_handmade'], io)).toBe(1)
    expect(io.err).toBe('memory-inspector: load_inputs_handmade is a directory, not a file\n')
  })
})

describe('resave', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mi-cli-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('rewrites the file byte for byte and keeps a backup', async () => {
    const path = join(dir, 'm.json')
    await copyFile(fixturePath('15_nan_in_additional_state.json'), path)
    const local = captureIo(dir)
    expect(await main(['resave', 'm.json'], local)).toBe(0)
    expect(local.out).toBe(
      'm.json: saved 273 bytes to m.json (byte-identical); previous version kept as m.json.bak\n',
    )
    expect(
      (await readFile(path)).equals(await readFile(fixturePath('15_nan_in_additional_state.json'))),
    ).toBe(true)
    expect((await readdir(dir)).sort()).toEqual(['m.json', 'm.json.bak'])
  })

  it('writes to -o OUT', async () => {
    const local = captureIo(dir)
    expect(await main(['resave', fixturePath('03_tool_calls.json'), '-o', 'copy.json'], local)).toBe(0)
    expect(
      (await readFile(join(dir, 'copy.json'))).equals(await readFile(fixturePath('03_tool_calls.json'))),
    ).toBe(true)
    expect(await readdir(dir)).toEqual(['copy.json'])
  })

  it.skipIf(process.platform === 'win32' || process.getuid?.() === 0)(
    'reports an unreadable file in one line',
    async () => {
      const path = join(dir, 'secret.json')
      await writeFile(path, '{}')
      await chmod(path, 0o000)
      const local = captureIo(dir)
      expect(await main(['resave', 'secret.json'], local)).toBe(1)
      expect(local.err).toBe('memory-inspector: secret.json: permission denied\n')
    },
  )
})

describe('serve', () => {
  it('hands its arguments to web mode', async () => {
    expect(await main(['serve', 'a.json', '--port', '0', '--no-open'], io)).toBe(0)
    expect(runWebMode).toHaveBeenCalledWith({
      files: ['a.json'],
      port: 0,
      open: false,
      host: '127.0.0.1',
    })
  })
})

describe('unexpected errors', () => {
  it('print one line without a stack unless --debug', async () => {
    runWebMode.mockRejectedValueOnce(new TypeError('boom'))
    expect(await main(['serve'], io)).toBe(1)
    expect(io.err).toBe('memory-inspector: unexpected error: boom (run with --debug for details)\n')
    io.err = ''
    runWebMode.mockRejectedValueOnce(new TypeError('boom'))
    expect(await main(['serve', '--debug'], io)).toBe(1)
    expect(io.err).toMatch(/^memory-inspector: unexpected error: boom\nTypeError: boom\n {4}at /)
  })
})
