import { readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { copyFixtures } from './marsysFixtures'

/**
 * For tests that edit and save: the app opens writable copies of fixtures. Each spec extends its `test` with
 *   copies: [[], { option: true }],
 *   appArgs: async ({ workDir, copies }, use) => use(copiedPaths(workDir, copies)),
 */
export const copiedPaths = (workDir: string, copies: string[]): string[] => {
  const folder = copyFixtures(workDir, copies)
  return copies.map((name) => join(folder, basename(name)))
}

/** Where the copy of fixture `name` is. */
export const copyPath = (workDir: string, name: string): string => join(workDir, 'files', basename(name))

export const readText = (path: string): string => readFileSync(path, 'utf8')

export interface MemoryFile {
  messages: Record<string, unknown>[]
  timestamp: number
}

export const readMemory = (path: string): MemoryFile => JSON.parse(readText(path)) as MemoryFile
