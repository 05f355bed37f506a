import { randomUUID } from 'node:crypto'
import { link, open, readFile, stat, unlink } from 'node:fs/promises'
import { hostname } from 'node:os'

/**
 * One writer per store: a lock file holding the owner's pid. It is created with all its content at once (written
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
  const owner: LockOwner = {
    pid: process.pid,
    hostname: hostname(),
    token: randomUUID(),
    acquired_at: new Date().toISOString(),
  }
  const content = JSON.stringify(owner)
  ownTokens.add(owner.token)
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    if (await createExclusive(lockPath, content)) {
      heldHere.add(lockPath)
      return { acquired: true, lock: { path: lockPath, token: owner.token } }
    }
    const raw = await readFile(lockPath, 'utf8').catch(() => null)
    if (raw === null) continue // released between our create and read
    const current = parseOwner(raw)
    if (current !== null && !isStale(current)) {
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
 * Stale = the owner ran on this host and its pid is gone. A lock from another host (a shared folder) is never
 * presumed stale. A lock carrying our own pid that this process does not hold was left by an earlier process that
 * happened to have the same pid (common in containers), so it is stale too.
 */
function isStale(owner: LockOwner): boolean {
  if (owner.hostname !== hostname()) return false
  if (owner.pid === process.pid) return !ownTokens.has(owner.token)
  return !isProcessAlive(owner.pid)
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
    }
  } catch {
    return null
  }
}

/** Creates `path` with `content` only if it does not exist; false if it does. */
async function createExclusive(path: string, content: string): Promise<boolean> {
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`
  await writeDurable(temp, content)
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
