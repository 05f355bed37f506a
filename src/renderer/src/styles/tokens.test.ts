import { describe, expect, it } from 'vitest'
import { contrastRatio, WCAG_AA_TEXT } from '../testing/contrast'
import { resolve, themes } from '../testing/themeTokens'

/** Colours text is drawn in: body text, muted text, links and accents, severities, role names. */
const TEXT = [
  '--fg',
  '--fg-muted',
  '--accent',
  '--error',
  '--warning',
  '--info',
  '--ok',
  '--role-system',
  '--role-user',
  '--role-assistant',
  '--role-tool',
  '--role-other',
]

/** Every background a text colour may sit on: pages, panels, hover and selection, severity fills, code. */
const BACKGROUNDS = [
  '--bg',
  '--bg-soft',
  '--bg-raised',
  '--bg-hover',
  '--bg-selected',
  '--error-bg',
  '--warning-bg',
  '--info-bg',
  '--code-bg',
]

describe('theme tokens', () => {
  const { light, dark } = themes()

  it.each([
    ['light', light],
    ['dark', dark],
  ])('every text colour reaches 4.5:1 on every background (%s)', (_name, tokens) => {
    const failing = TEXT.flatMap((text) =>
      BACKGROUNDS.map((background) => ({
        pair: `${text} on ${background}`,
        ratio: Math.round(contrastRatio(resolve(tokens, text), resolve(tokens, background)) * 100) / 100,
      })),
    ).filter(({ ratio }) => ratio < WCAG_AA_TEXT)
    expect(failing).toEqual([])
  })

  it('marks and buttons on the accent read at 4.5:1 too', () => {
    for (const tokens of [light, dark]) {
      expect(contrastRatio(resolve(tokens, '--mark-fg'), resolve(tokens, '--mark'))).toBeGreaterThanOrEqual(
        4.5,
      )
      expect(
        contrastRatio(resolve(tokens, '--accent-fg'), resolve(tokens, '--accent')),
      ).toBeGreaterThanOrEqual(4.5)
    }
  })
})
