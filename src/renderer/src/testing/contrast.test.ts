import { describe, expect, it } from 'vitest'
import { contrastRatio, relativeLuminance } from './contrast'

describe('contrastRatio', () => {
  it('spans 1 to 21 and ignores the order of the colours', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#fff', '#000')).toBeCloseTo(21, 5)
    expect(contrastRatio('#777777', '#777777')).toBe(1)
  })

  it('matches known WCAG values', () => {
    expect(relativeLuminance('#ffffff')).toBe(1)
    expect(relativeLuminance('#808080')).toBeCloseTo(0.2159, 4)
    // The dark-theme JSON strings of issue 15: #aa1111 on #1a1b20 is about 2.3:1.
    expect(contrastRatio('#aa1111', '#1a1b20')).toBeCloseTo(2.29, 2)
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2)
  })

  it('refuses what is not a hex colour', () => {
    expect(() => contrastRatio('red', '#fff')).toThrow(/Not a #rgb or #rrggbb colour: red/)
  })
})
