import { describe, expect, it } from 'vitest'
import { contrastRatio, WCAG_AA_TEXT } from '../../lib/contrast'
import tokensCss from '../../styles/tokens.css?raw'
import { JSON_SYNTAX_COLOURS } from './jsonHighlight'

type Tokens = Record<string, string>

const declarations = (block: string): Tokens =>
  Object.fromEntries([...block.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]))

/** The light tokens (the first :root) and the dark ones (the :root inside prefers-color-scheme: dark). */
function themes(css: string): { light: Tokens; dark: Tokens } {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '')
  const dark = /@media\s*\(prefers-color-scheme:\s*dark\)\s*{\s*:root\s*{([^}]*)}/.exec(text)
  const light = /^\s*:root\s*{([^}]*)}/.exec(text)
  if (!light || !dark) throw new Error('tokens.css has no light :root or no dark :root')
  const lightTokens = declarations(light[1])
  return { light: lightTokens, dark: { ...lightTokens, ...declarations(dark[1]) } }
}

/** A token's colour, following var(--other) references within the same theme. */
function resolve(tokens: Tokens, name: string, seen: string[] = []): string {
  const value = tokens[name]
  if (value === undefined) throw new Error(`${name} is not defined (via ${seen.join(' → ') || 'the editor'})`)
  const reference = /^var\((--[\w-]+)\)$/.exec(value)
  if (!reference) return value
  if (seen.includes(name)) throw new Error(`${name} refers to itself`)
  return resolve(tokens, reference[1], [...seen, name])
}

describe('JSON editor palette', () => {
  const { light, dark } = themes(tokensCss)

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
