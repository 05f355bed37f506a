import { describe, expect, it } from 'vitest'
import { filesFromArgv } from './argv'

describe('files from the command line', () => {
  it('skips electron and the app folder in development, and switches', () => {
    expect(filesFromArgv(['/x/electron', '/app', 'a.json', '--inspect', 'dir'], false)).toEqual([
      'a.json',
      'dir',
    ])
  })
  it('skips only the binary when packaged', () => {
    expect(filesFromArgv(['/opt/memory-inspector', 'a.json'], true)).toEqual(['a.json'])
  })
})
