import { homedir } from 'node:os'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import type { Door } from '../shared/contract'

export const APP_NAME = 'Memory Inspector'

/** Facts about this process that `app.info` reports. */
export interface AppContext {
  name: string
  version: string
  dataDir: string
  door: Door
  runtime: string
  platform: string
}

/** Where web mode and the CLI keep their data when no --data-dir is given (Electron uses app.getPath('userData')). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MEMORY_INSPECTOR_DATA_DIR) return env.MEMORY_INSPECTOR_DATA_DIR
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config')
  return join(base, 'memory-inspector')
}

/** The app's version, from package.json found by walking up from `startDir`. */
export function readAppVersion(startDir: string): string {
  let dir = startDir
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string
        version?: string
      }
      if (pkg.name === 'memory-inspector' && pkg.version) return pkg.version
    } catch {
      // not here; keep walking up
    }
    dir = join(dir, '..')
  }
  return '0.0.0'
}

export function createAppContext(door: Door, dataDir: string, version: string, runtime: string): AppContext {
  return { name: APP_NAME, version, dataDir, door, runtime, platform: `${process.platform}-${process.arch}` }
}
