import type { AppInfo, Door } from '../../shared/contract'
import type { Handlers } from './dispatch'

export interface AppContext {
  name: string
  version: string
  dataDir: string
  door: Door
  runtime: string
  platform: string
}

/** One function per contract channel; later issues add theirs. */
export function createHandlers(context: AppContext): Handlers {
  return {
    'app.info': (): AppInfo => ({
      name: context.name,
      version: context.version,
      platform: context.platform,
      runtime: context.runtime,
      dataDir: context.dataDir,
      door: context.door,
    }),
  }
}
