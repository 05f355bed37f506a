import { readFile } from 'node:fs/promises'
import type { Adapter } from 'lowdb'
import { AtomicFileWriter } from './atomicFile'

export interface JsonCodec<T> {
  parse(text: string): T
  serialize(data: T): string
}

/**
 * A lowdb adapter with durable atomic writes (fsync + rename, see atomicFile), per-file write serialisation, and
 * a codec so the in-memory data can hold domain objects while the file holds compact JSON.
 */
export class AtomicJsonAdapter<T> implements Adapter<T> {
  private readonly writer: AtomicFileWriter

  constructor(
    readonly path: string,
    private readonly codec: JsonCodec<T>,
  ) {
    this.writer = new AtomicFileWriter(path)
  }

  async read(): Promise<T | null> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    return this.codec.parse(text)
  }

  /** Serialises synchronously, so later changes to `data` cannot leak into this write. */
  write(data: T): Promise<void> {
    let text: string
    try {
      text = this.codec.serialize(data)
    } catch (error) {
      return Promise.reject(error)
    }
    return this.writer.write(text)
  }

  idle(): Promise<void> {
    return this.writer.idle()
  }

  close(): Promise<void> {
    return this.writer.close()
  }
}
