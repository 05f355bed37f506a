import tokensCss from '../styles/tokens.css?raw'

/** For tests: the theme variables of `styles/tokens.css`, read from the file itself. */
export type Tokens = Record<string, string>

const declarations = (block: string): Tokens =>
  Object.fromEntries([...block.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]))

/** The light tokens (the first :root) and the dark ones (the :root inside prefers-color-scheme: dark). */
export function themes(css: string = tokensCss): { light: Tokens; dark: Tokens } {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '')
  const dark = /@media\s*\(prefers-color-scheme:\s*dark\)\s*{\s*:root\s*{([^}]*)}/.exec(text)
  const light = /^\s*:root\s*{([^}]*)}/.exec(text)
  if (!light || !dark) throw new Error('tokens.css has no light :root or no dark :root')
  const lightTokens = declarations(light[1])
  return { light: lightTokens, dark: { ...lightTokens, ...declarations(dark[1]) } }
}

/** A token's colour, following var(--other) references within the same theme. */
export function resolve(tokens: Tokens, name: string, seen: string[] = []): string {
  const value = tokens[name]
  if (value === undefined) throw new Error(`${name} is not defined (via ${seen.join(' → ') || 'the caller'})`)
  const reference = /^var\((--[\w-]+)\)$/.exec(value)
  if (!reference) return value
  if (seen.includes(name)) throw new Error(`${name} refers to itself`)
  return resolve(tokens, reference[1], [...seen, name])
}
