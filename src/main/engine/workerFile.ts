import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * A built worker entry (`out/main/<file>`) seen from the module asking, which is an entry in out/main or a chunk in
 * out/main/chunks; undefined when running from the TypeScript sources (unit tests), where there is none.
 */
export function builtWorkerPath(file: string, moduleUrl: string): string | undefined {
  const here = dirname(fileURLToPath(moduleUrl))
  return [join(here, file), join(here, '..', file)].find((path) => existsSync(path))
}
