import { JsonFileRepository, type JsonFileRepositoryOptions } from './jsonFileRepository'
import { MemoryRepository } from './memoryRepository'
import { SessionStoreBackend, type BackendOptions } from './sessionStoreBackend'

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
}
