import { watch, type FSWatcher } from 'node:fs'
import { basename, dirname } from 'node:path'

type Listener = () => void

/**
 * Watches files by watching their folders: editors that save by writing a temp file and renaming it over the
 * original replace the inode, which a watch on the file itself would lose. Events are debounced per file.
 */
export class FileWatcher {
  private readonly folders = new Map<string, { watcher: FSWatcher; files: Map<string, Set<Listener>> }>()
  private readonly timers = new Map<string, NodeJS.Timeout>()

  constructor(private readonly debounceMs = 150) {}

  watch(path: string, listener: Listener): () => void {
    const folder = dirname(path)
    const name = basename(path)
    let entry = this.folders.get(folder)
    if (!entry) {
      const files = new Map<string, Set<Listener>>()
      let watcher: FSWatcher
      try {
        watcher = watch(folder, { persistent: false }, (_event, changed) =>
          this.onEvent(folder, changed?.toString() ?? null),
        )
      } catch {
        return () => undefined // a folder we cannot watch (gone, no permission): no live reload for it
      }
      watcher.on('error', () => undefined)
      entry = { watcher, files }
      this.folders.set(folder, entry)
    }
    const listeners = entry.files.get(name) ?? new Set<Listener>()
    listeners.add(listener)
    entry.files.set(name, listeners)
    return () => this.unwatch(folder, name, listener)
  }

  close(): void {
    for (const { watcher } of this.folders.values()) watcher.close()
    this.folders.clear()
    for (const timer of this.timers.values()) clearTimeout(timer)
    this.timers.clear()
  }

  private unwatch(folder: string, name: string, listener: Listener): void {
    const entry = this.folders.get(folder)
    if (!entry) return
    const listeners = entry.files.get(name)
    listeners?.delete(listener)
    if (listeners && listeners.size === 0) entry.files.delete(name)
    if (entry.files.size === 0) {
      entry.watcher.close()
      this.folders.delete(folder)
    }
  }

  private onEvent(folder: string, changed: string | null): void {
    const entry = this.folders.get(folder)
    if (!entry) return
    // Some platforms report no file name: then any watched file in the folder may have changed.
    const names = changed === null ? [...entry.files.keys()] : entry.files.has(changed) ? [changed] : []
    for (const name of names) {
      const key = `${folder}\0${name}`
      clearTimeout(this.timers.get(key))
      this.timers.set(
        key,
        setTimeout(() => {
          this.timers.delete(key)
          for (const listener of this.folders.get(folder)?.files.get(name) ?? []) listener()
        }, this.debounceMs),
      )
    }
  }
}
