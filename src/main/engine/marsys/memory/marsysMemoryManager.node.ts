/** Node file access for MemoryManager: atomic saves with a backup, parent folders created like `mkdir -p`. */
import { access, mkdir, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { atomicWriteFile } from '../../fs/atomicWrite'
import { MemoryManager, type MemoryFileStore, type MemoryManagerOptions } from './marsysMemoryManager'
import { nodeImageSource } from './nodeImageSource'

export function nodeMemoryFileStore(): MemoryFileStore {
  return {
    exists: (path) =>
      access(path).then(
        () => true,
        () => false,
      ),
    read: (path) => readFile(path),
    async write(path, text) {
      await mkdir(dirname(path), { recursive: true })
      await atomicWriteFile(path, text, { backup: true })
    },
  }
}

/** A MemoryManager that reads images and memory files from disk. */
export function createNodeMemoryManager(opts: MemoryManagerOptions = {}): MemoryManager {
  return new MemoryManager({ images: nodeImageSource(), files: nodeMemoryFileStore(), ...opts })
}
