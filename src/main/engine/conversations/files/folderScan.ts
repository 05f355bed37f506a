import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv'])

/**
 * Every `.json` file under a folder, recursively, sorted by path. Backups we write (`*.bak`), hidden folders and
 * dependency folders are skipped; symlinked folders are not followed (no cycles).
 */
export async function listMemoryFiles(folder: string, limit = 10_000): Promise<string[]> {
  const found: string[] = []
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true })
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      if (found.length >= limit) return
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) await walk(path)
      } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json')) {
        found.push(path)
      }
    }
  }
  await walk(folder)
  return found
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}
