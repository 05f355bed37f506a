import { JsonFileRepository, type JsonFileRepositoryOptions } from './jsonFileRepository'
import { MemoryRepository } from './memoryRepository'
import { SessionStoreBackend, type BackendOptions } from './sessionStoreBackend'
import { repairSessionStore, type StoreRepairOptions } from './storeRepair'
import type { StoreRepairReport } from '../../../shared/model/langswarm'

/** Sessions in process memory (`in_memory`): survive disconnect/reconnect, not the process. */
export class InMemoryBackend extends SessionStoreBackend {
  constructor(options: BackendOptions = {}) {
    super(new MemoryRepository(), options)
  }
}

export type JsonFileBackendOptions = BackendOptions & JsonFileRepositoryOptions

/** Sessions in a lowdb JSON store folder (`json_file`); one writer process at a time. */
export class JsonFileBackend extends SessionStoreBackend {
  readonly storePath: string

  constructor(options: JsonFileBackendOptions) {
    const repository = new JsonFileRepository(options)
    super(repository, options)
    this.storePath = repository.root
  }

  /**
   * Port extra: rebuilds a damaged index from the session files (see storeRepair.ts). A real repair first
   * disconnects (live sessions are detached); calls made meanwhile wait, then reconnect to the repaired store. A
   * dry run changes nothing.
   */
  async repair(options: Pick<StoreRepairOptions, 'dryRun'> = {}): Promise<StoreRepairReport> {
    if (options.dryRun === true) return repairSessionStore(this.storePath, options)
    return this.whileDisconnected(() => repairSessionStore(this.storePath, options))
  }
}
