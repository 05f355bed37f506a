import { describe, expect, it } from 'vitest'
import { contrastRatio, WCAG_AA_TEXT } from '../../testing/contrast'
import { resolve, themes } from '../../testing/themeTokens'
import { JSON_SYNTAX_COLOURS } from './jsonHighlight'

describe('JSON editor palette', () => {
  const { light, dark } = themes()

  it.each([
    ['light', light],
    ['dark', dark],
  ])('every syntax colour is at least 4.5:1 on the editor background (%s)', (_name, tokens) => {
    const background = resolve(tokens, '--code-bg')
    const ratios = Object.fromEntries(
      Object.entries(JSON_SYNTAX_COLOURS).map(([kind, token]) => [
        kind,
        Math.round(contrastRatio(resolve(tokens, token), background) * 100) / 100,
      ]),
    )
    for (const [kind, ratio] of Object.entries(ratios))
      expect({ kind, ratio, aa: ratio >= WCAG_AA_TEXT }).toEqual({ kind, ratio, aa: true })
  })

  it('reads both themes from the tokens file', () => {
    expect(resolve(dark, '--code-bg')).toBe('#1a1b20')
    expect(resolve(dark, '--syntax-string')).not.toBe(resolve(light, '--syntax-string'))
    expect(resolve(light, '--syntax-property')).toBe(resolve(light, '--fg'))
  })
})
