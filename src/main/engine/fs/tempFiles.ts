import { randomBytes } from 'node:crypto'
import { readdir, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/**
 * The hidden temp files of atomic saves, `.NAME.PID.HEX.tmp` (and `.NAME.bak.PID.HEX.tmp` for the backup link),
 * beside the file. A save killed half-way leaves its temp behind; `removeStaleTempFiles` clears those.
 */
export function tempFileFor(target: string, kind: 'data' | 'backup'): string {
  const suffix = `${process.pid}.${randomBytes(4).toString('hex')}`
  const name = basename(target)
  return join(dirname(target), kind === 'data' ? `.${name}.${suffix}.tmp` : `.${name}.bak.${suffix}.tmp`)
}

/** Temp files this process is writing right now: never stale, whatever their age. */
const inFlight = new Set<string>()

export function markTempInFlight(temp: string, busy: boolean): void {
  if (busy) inFlight.add(temp)
  else inFlight.delete(temp)
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** `kill(pid, 0)`: EPERM means the process exists but belongs to someone else. */
function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes the temp files that interrupted saves of `target` left beside it: those whose writer is gone (its pid
 * is not running, or is this process but not writing it now), and those older than `target` itself (a later
 * save finished, so they can never be renamed into place). Best effort: returns the names removed and ignores
 * what cannot be read or removed. Call it when a file is opened or saved.
 */
export async function removeStaleTempFiles(target: string): Promise<string[]> {
  const dir = dirname(target)
  const name = basename(target)
  const pattern = new RegExp(`^\\.${escapeRegExp(name)}\\.(?:bak\\.)?(\\d+)\\.[0-9a-f]{8}\\.tmp$`)
  const entries = await readdir(dir).catch(() => [] as string[])
  const targetTime = await stat(target).then(
    (s) => s.mtimeMs,
    () => undefined,
  )
  const removed: string[] = []
  for (const entry of entries) {
    const match = pattern.exec(entry)
    if (!match) continue
    const path = join(dir, entry)
    if (inFlight.has(path)) continue
    const pid = Number(match[1])
    let stale = pid === process.pid || !isProcessAlive(pid)
    if (!stale && targetTime !== undefined) {
      const tempTime = await stat(path).then(
        (s) => s.mtimeMs,
        () => undefined,
      )
      stale = tempTime !== undefined && tempTime < targetTime
    }
    if (
      stale &&
      (await unlink(path).then(
        () => true,
        () => false,
      ))
    )
      removed.push(entry)
  }
  return removed
}
