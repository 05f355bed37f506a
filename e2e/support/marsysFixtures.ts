import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './webServer'

/**
 * The MARSYS fixture files, kept in the repository (read-only: copy them before a test changes them). The app
 * shows real paths (symlinks resolved), so the tests compare against the real path too.
 */
export const FIXTURES = realpathSync(join(ROOT, 'resources', 'fixtures', 'marsys'))

export const fixture = (name: string): string => join(FIXTURES, name)

/**
 * Copies fixtures into `<workDir>/files` (a folder of their own, away from the app's data dir) as writable
 * files, and returns the folder.
 */
export function copyFixtures(workDir: string, names: string[]): string {
  const folder = join(workDir, 'files')
  mkdirSync(folder, { recursive: true })
  for (const name of names) {
    const base = name.slice(name.lastIndexOf('/') + 1)
    writeFileSync(join(folder, base), readFileSync(fixture(name)))
  }
  return folder
}
