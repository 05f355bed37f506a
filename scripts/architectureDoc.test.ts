import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '..')
const DOC = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8')

const ticked = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1])
const expand = (path: string): string[] => {
  const braces = /\{([^}]+)\}/.exec(path)
  return braces ? braces[1].split(',').map((part) => path.replace(braces[0], part)) : [path]
}
const isPath = (token: string): boolean =>
  !/[<*\s]/.test(token) && (/\/$/.test(token) || /^[\w./-]+\.(ts|tsx|js|css|json)$/.test(token))

function allFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    if (name === 'node_modules' || name.startsWith('.') || name === 'out') return []
    const path = join(folder, name)
    return statSync(path).isDirectory() ? allFiles(path) : [path]
  })
}

/**
 * Each row of the folders table: its folders must exist; a folder named in the description (`codec/`) must be in
 * the row's folder or next to it, and a file it names must be there or, by its path's end, anywhere in the repo.
 */
function staleFolderTableEntries(): string[] {
  const files = allFiles(ROOT)
  const rows = DOC.split('\n').filter((line) => /^\| `/.test(line))
  const stale: string[] = []
  for (const row of rows) {
    const [, first, description] = row.split('|')
    const [folderToken, ...siblings] = ticked(first)
    const folders = expand(folderToken)
    const bases = folders.flatMap((folder) => [folder, dirname(folder)])
    const named = siblings.map((s) =>
      s.includes('/') && !s.endsWith('/') ? s : join(dirname(folderToken), s),
    )
    for (const folder of [...folders, ...named]) if (!existsSync(join(ROOT, folder))) stale.push(folder)
    for (const token of ticked(description).filter(isPath)) {
      const inPlace = bases.some((base) => existsSync(join(ROOT, base, token)))
      const anywhere = !token.endsWith('/') && files.some((file) => file.endsWith(`/${token}`))
      if (!inPlace && !anywhere) stale.push(`${folderToken}: ${token}`)
    }
  }
  return stale
}

describe('docs/architecture.md', () => {
  it('names only folders and files that exist', () => {
    expect(staleFolderTableEntries()).toEqual([])
  })

  it('lists every renderer store createStores makes', () => {
    const source = readFileSync(join(ROOT, 'src/renderer/src/stores/createStores.ts'), 'utf8')
    const body = /export interface Stores \{([^}]*)\}/.exec(source)?.[1] ?? ''
    const stores = [...body.matchAll(/^\s*(\w+): \w+Store$/gm)].map((m) => m[1])
    expect(stores.length).toBeGreaterThan(5)
    const row = DOC.split('\n').find((line) => line.startsWith('| `src/renderer/src` |')) ?? ''
    const listed = new Set(ticked(/`stores\/` \(([^)]*)\)/.exec(row)?.[1] ?? ''))
    expect(stores.filter((store) => !listed.has(store))).toEqual([])
  })
})
