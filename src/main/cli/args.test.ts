import { describe, expect, it } from 'vitest'
import { parseCommandArgs, type CommandSpec } from './args'
import { UsageError } from './errors'

const spec: CommandSpec = { flags: ['--json'], values: ['--out'], aliases: { '-o': '--out' }, min: 1, max: 2 }

describe('parseCommandArgs', () => {
  it('takes flags and values anywhere, in both value forms', () => {
    const a = parseCommandArgs('x', ['a.json', '--json', '-o', 'out.json'], spec)
    expect(a.positionals).toEqual(['a.json'])
    expect(a.flags.has('--json')).toBe(true)
    expect(a.values.get('--out')).toBe('out.json')
    expect(parseCommandArgs('x', ['--out=o.json', 'a'], spec).values.get('--out')).toBe('o.json')
  })

  it('treats everything after -- as files', () => {
    expect(parseCommandArgs('x', ['--', '--json'], spec).positionals).toEqual(['--json'])
  })

  it.each([
    [['a', '--nope'], 'unknown option for x: --nope'],
    [['a', '-o'], '-o needs a value'],
    [['a', '--json=1'], '--json takes no value'],
    [[], 'x: missing FILE argument'],
    [['a', 'b', 'c'], 'x: expected at most 2 files, got 3'],
  ])('%j → %s', (argv, message) => {
    expect(() => parseCommandArgs('x', argv, spec)).toThrow(new UsageError(message))
  })
})
