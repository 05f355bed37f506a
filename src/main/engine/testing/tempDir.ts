import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Creates a temp dir per test and removes every one of them afterwards. */
export function tempDirs() {
  const created: string[] = []
  return {
    async make(prefix = 'langswarm-'): Promise<string> {
      const dir = await mkdtemp(join(tmpdir(), prefix))
      created.push(dir)
      return dir
    },
    async cleanup(): Promise<void> {
      await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
    },
  }
}
