import { randomUUID } from 'node:crypto'
import { link, open, readFile, readdir, stat, unlink } from 'node:fs/promises'
import { hostname } from 'node:os'
import { basename, dirname, join } from 'node:path'

/**
 * One writer per store: a lock file holding the owner's pid and, where the system tells (Linux), the boot id and
 * the process start time, so a pid reused after the owner died is recognised as a stranger. It is created with all its content at once (written
 * to a temp file, then hard-linked into place, which fails if the lock exists), so a reader never sees a half
 * written lock. A lock whose pid is dead on this host is stale and is taken over; the takeover itself is guarded
 * by a second short-lived file so two processes cannot both replace the same stale lock.
 *
 * This module imports only Node built-ins: tests run it in a real second process.
 */

export interface LockOwner {
  pid: number
  hostname: string
  token: string
  acquired_at: string
  /** Linux: /proc/sys/kernel/random/boot_id when the lock was taken; a different one means a reboot since. */
  boot_id?: string
  /** Linux: the owner's start time (field 22 of /proc/<pid>/stat, clock ticks since boot). */
  start_time?: string
}

export interface HeldLock {
  path: string
  token: string
}

export type LockAttempt = { acquired: true; lock: HeldLock } | { acquired: false; owner: LockOwner | null }

/** Lock paths this process holds, so a second store object in the same process is refused too. */
const heldHere = new Set<string>()
/** Tokens of locks this process created, to tell our own lock from one a dead process with our pid left. */
const ownTokens = new Set<string>()

const ATTEMPTS = 5
const TAKEOVER_GUARD_STALE_MS = 10_000

export async function acquireStoreLock(lockPath: string): Promise<LockAttempt> {
  if (heldHere.has(lockPath)) return { acquired: false, owner: await readOwner(lockPath) }
  const identity = await processIdentity(process.pid)
  const owner: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    token: randomUUID(),
    acquired_at: new Date().toISOString(),
    ...(identity === null ? {} : { boot_id: identity.bootId, start_time: identity.startTime }),
  }
  const content = JSON.stringify(owner)
  ownTokens.add(owner.token)
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    if (await createExclusive(lockPath, content)) {
      heldHere.add(lockPath)
      await removeDeadTempFiles(lockPath)
      return { acquired: true, lock: { path: lockPath, token: owner.token } }
    }
    const raw = await readFile(lockPath, 'utf8').catch(() => null)
    if (raw === null) continue // released between our create and read
    const current = parseOwner(raw)
    if (current !== null && !(await isStale(current))) {
      ownTokens.delete(owner.token)
      return { acquired: false, owner: current }
    }
    await removeStaleLock(lockPath, raw)
    await delay(10 * (attempt + 1))
  }
  ownTokens.delete(owner.token)
  return { acquired: false, owner: await readOwner(lockPath) }
}

/** Removes the lock only if it is still ours. */
export async function releaseStoreLock(lock: HeldLock): Promise<void> {
  heldHere.delete(lock.path)
  ownTokens.delete(lock.token)
  const current = await readOwner(lock.path)
  if (current?.token === lock.token) await unlink(lock.path).catch(() => undefined)
}

export async function lockStillHeld(lock: HeldLock): Promise<boolean> {
  return (await readOwner(lock.path))?.token === lock.token
}

export async function readOwner(lockPath: string): Promise<LockOwner | null> {
  const raw = await readFile(lockPath, 'utf8').catch(() => null)
  return raw === null ? null : parseOwner(raw)
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Stale = the owner ran on this host and is gone: its pid is dead, the machine rebooted since (another boot id),
 * or the pid now belongs to a process started at another time than the owner. A lock from another host (a shared
 * folder) is never presumed stale. A lock carrying our own pid that this process does not hold was left by an
 * earlier process that happened to have the same pid (common in containers), so it is stale too. Without a start
 * time (other systems, older locks) a live pid counts as the owner: the lock error says how to take over by hand.
 */
async function isStale(owner: LockOwner): Promise<boolean> {
  if (owner.hostname !== hostname()) return false
  if (owner.pid === process.pid) return !ownTokens.has(owner.token)
  if (!isProcessAlive(owner.pid)) return true
  if (owner.boot_id === undefined || owner.start_time === undefined) return false
  const now = await processIdentity(owner.pid)
  if (now === null) return false
  return now.bootId !== owner.boot_id || now.startTime !== owner.start_time
}

interface ProcessIdentity {
  bootId: string
  startTime: string
}

/** Boot id and start time of a process (Linux /proc); null where the system does not tell. */
async function processIdentity(pid: number): Promise<ProcessIdentity | null> {
  try {
    const [bootId, stat] = await Promise.all([
      readFile('/proc/sys/kernel/random/boot_id', 'utf8'),
      readFile(`/proc/${pid}/stat`, 'utf8'),
    ])
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so fields are counted after the last ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const startTime = fields[19] // field 22 of the whole line
    return startTime === undefined || !/^\d+$/.test(startTime) ? null : { bootId: bootId.trim(), startTime }
  } catch {
    return null
  }
}

function parseOwner(raw: string): LockOwner | null {
  try {
    const value = JSON.parse(raw) as Partial<LockOwner>
    if (typeof value.pid !== 'number' || typeof value.token !== 'string') return null
    return {
      pid: value.pid,
      hostname: typeof value.hostname === 'string' ? value.hostname : '',
      token: value.token,
      acquired_at: typeof value.acquired_at === 'string' ? value.acquired_at : '',
      ...(typeof value.boot_id === 'string' && typeof value.start_time === 'string'
        ? { boot_id: value.boot_id, start_time: value.start_time }
        : {}),
    }
  } catch {
    return null
  }
}

/** Creates `path` with `content` only if it does not exist; false if it does. */
async function createExclusive(path: string, content: string): Promise<boolean> {
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`
  try {
    await writeDurable(temp, content)
  } catch (error) {
    await unlink(temp).catch(() => undefined) // a full disk fails the write half-way: leave nothing behind
    throw error
  }
  try {
    await link(temp, path)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') return createWithoutLink(path, content)
    throw error
  } finally {
    await unlink(temp).catch(() => undefined)
  }
}

/**
 * Removes `<lock>.<pid>.<uuid>.tmp` files whose writer is dead (killed between writing and linking them). A temp
 * file lives for milliseconds, so only old ones are touched: the pid in the name may be another host's (a store
 * on a shared folder), whose write must not be cut short.
 */
async function removeDeadTempFiles(lockPath: string): Promise<void> {
  const prefix = `${basename(lockPath)}.`
  const names = await readdir(dirname(lockPath)).catch(() => [] as string[])
  await Promise.all(
    names.map(async (name) => {
      const pid = Number(/^(\d+)\.[0-9a-f-]{36}\.tmp$/.exec(name.slice(prefix.length))?.[1])
      if (!name.startsWith(prefix) || !Number.isInteger(pid) || pid === process.pid || isProcessAlive(pid))
        return
      const path = join(dirname(lockPath), name)
      const age = await stat(path).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      )
      if (age > TAKEOVER_GUARD_STALE_MS) await unlink(path).catch(() => undefined)
    }),
  )
}

async function writeDurable(path: string, content: string): Promise<void> {
  const handle = await open(path, 'w')
  try {
    await handle.writeFile(content)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** For file systems without hard links (FAT, some network shares): O_EXCL create, then write. */
async function createWithoutLink(path: string, content: string): Promise<boolean> {
  let handle
  try {
    handle = await open(path, 'wx')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  try {
    await handle.writeFile(content)
    await handle.sync()
  } finally {
    await handle.close()
  }
  return true
}

/** Deletes the lock if it still holds exactly the stale content we judged, under a takeover guard. */
async function removeStaleLock(lockPath: string, staleRaw: string): Promise<void> {
  const guard = `${lockPath}.takeover`
  let handle
  try {
    handle = await open(guard, 'wx')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    const age = await stat(guard).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0,
    )
    if (age > TAKEOVER_GUARD_STALE_MS) await unlink(guard).catch(() => undefined)
    return
  }
  try {
    const raw = await readFile(lockPath, 'utf8').catch(() => null)
    if (raw === staleRaw) await unlink(lockPath).catch(() => undefined)
  } finally {
    await handle.close()
    await unlink(guard).catch(() => undefined)
  }
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
