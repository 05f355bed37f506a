import { join } from 'node:path'
import { JsonFileBackend } from '../../langswarm'
import { tempDirs } from '../../testing/tempDir'

/** Temp folders and JSON-file stores for one test file; `cleanup` disconnects and removes them. */
export function migrationFixtures() {
  const dirs = tempDirs()
  const opened: JsonFileBackend[] = []
  return {
    dir: (prefix = 'migration-') => dirs.make(prefix),
    async store(path?: string): Promise<JsonFileBackend> {
      const backend = new JsonFileBackend({ path: path ?? join(await dirs.make('store-'), 'session-store') })
      opened.push(backend)
      await backend.connect()
      return backend
    },
    async cleanup(): Promise<void> {
      await Promise.all(opened.splice(0).map((backend) => backend.disconnect()))
      await dirs.cleanup()
    },
  }
}
