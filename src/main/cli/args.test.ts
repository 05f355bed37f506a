import { describe, expect, it } from 'vitest'
import { parseCommandArgs, stringValue, flagValue, type ArgSpec } from './args'
import { UsageError } from './cliErrors'

const spec: ArgSpec = {
  options: { json: { type: 'boolean' }, out: { type: 'string', short: 'o' } },
  min: 1,
  max: 2,
}

describe('parseCommandArgs', () => {
  it('takes flags and values anywhere, in both value forms', () => {
    const a = parseCommandArgs('x', ['a.json', '--json', '-o', 'out.json'], spec)
    expect(a.positionals).toEqual(['a.json'])
    expect(flagValue(a, 'json')).toBe(true)
    expect(stringValue(a, 'out')).toBe('out.json')
    expect(stringValue(parseCommandArgs('x', ['--out=o.json', 'a'], spec), 'out')).toBe('o.json')
  })

  it('treats everything after -- as files', () => {
    expect(parseCommandArgs('x', ['--', '--json'], spec).positionals).toEqual(['--json'])
  })

  it.each([
    [['a', '--nope'], 'x: unknown option --nope'],
    [['a', '-o'], 'x: -o needs a value'],
    [['a', '--json=1'], 'x: --json takes no value'],
    [[], 'x: missing FILE'],
    [['a', 'b', 'c'], 'x: expected at most 2 FILEs, got 3'],
  ])('%j → %s', (argv, message) => {
    expect(() => parseCommandArgs('x', argv, spec)).toThrow(new UsageError(message))
  })
})
