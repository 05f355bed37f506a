import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { mkdir, readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { basename, join } from 'node:path'
import { SessionMetadata, StoreLockedError } from '../../../shared/model/langswarm'
import { JsonFileBackend } from './backends'
import { acquireStoreLock, releaseStoreLock } from './storeLock'
import { compileForChild, runNode, type NodeChild } from '../testing/childProcess'
import { tempDirs } from '../testing/tempDir'

const dirs = tempDirs()
const moduleDirs = tempDirs()
const children: NodeChild[] = []
const backends: JsonFileBackend[] = []
let lockModuleUrl = ''

beforeAll(async () => {
  lockModuleUrl = await compileForChild(
    join(__dirname, 'storeLock.ts'),
    await moduleDirs.make('langswarm-child-'),
  )
})

afterAll(async () => {
  await moduleDirs.cleanup()
})

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill('SIGKILL')
      await child.exited
    }
  }
  await Promise.all(backends.splice(0).map((backend) => backend.disconnect()))
  await dirs.cleanup()
})

/** A second process running the engine's own lock code against the same lock file. */
function lockChild(lockPath: string, mode: 'try' | 'hold'): NodeChild {
  const child = runNode(`
    import { acquireStoreLock, releaseStoreLock } from ${JSON.stringify(lockModuleUrl)}
    const attempt = await acquireStoreLock(${JSON.stringify(lockPath)})
    console.log(JSON.stringify({ acquired: attempt.acquired, ownerPid: attempt.acquired ? process.pid : attempt.owner?.pid ?? null }))
    if (attempt.acquired && ${JSON.stringify(mode)} === 'try') await releaseStoreLock(attempt.lock)
    if (${JSON.stringify(mode)} === 'hold') {
      process.stdin.resume()
      process.stdin.on('end', async () => { if (attempt.acquired) await releaseStoreLock(attempt.lock); process.exit(0) })
    }
  `)
  children.push(child)
  return child
}

async function newStore(): Promise<string> {
  const root = join(await dirs.make(), 'store')
  await mkdir(root, { recursive: true })
  return root
}

describe('store lock across processes', () => {
  it('a second process is refused while this one holds the store, and gets it after release', async () => {
    const root = await newStore()
    const backend = new JsonFileBackend({ path: root })
    backends.push(backend)
    await backend.connect()

    const refused = lockChild(join(root, 'store.lock'), 'try')
    expect(JSON.parse(await refused.firstLine)).toEqual({ acquired: false, ownerPid: process.pid })
    expect(await refused.exited).toBe(0)

    await backend.disconnect()
    const granted = lockChild(join(root, 'store.lock'), 'try')
    expect(JSON.parse(await granted.firstLine)).toMatchObject({ acquired: true })
    expect(await granted.exited).toBe(0)
  })

  it('this process gets StoreLockedError naming the pid of a live holder', async () => {
    const root = await newStore()
    const holder = lockChild(join(root, 'store.lock'), 'hold')
    expect(JSON.parse(await holder.firstLine)).toMatchObject({ acquired: true })

    const backend = new JsonFileBackend({ path: root })
    const error = await backend.connect().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(StoreLockedError)
    expect((error as StoreLockedError).pid).toBe(holder.process.pid)
    expect((error as StoreLockedError).message).toContain(`in use by pid ${holder.process.pid}`)
    // nothing was created or damaged by the refused open
    await expect(stat(join(root, 'store.json'))).rejects.toMatchObject({ code: 'ENOENT' })

    holder.process.stdin!.end() // clean release
    expect(await holder.exited).toBe(0)
    await expect(stat(join(root, 'store.lock'))).rejects.toMatchObject({ code: 'ENOENT' })
    backends.push(backend)
    await expect(backend.connect()).resolves.toBe(true)
  })

  it('takes over a stale lock left by a killed process', async () => {
    const root = await newStore()
    const holder = lockChild(join(root, 'store.lock'), 'hold')
    expect(JSON.parse(await holder.firstLine)).toMatchObject({ acquired: true })
    holder.process.kill('SIGKILL')
    await holder.exited
    expect(await readFile(join(root, 'store.lock'), 'utf8')).toContain(`"pid":${holder.process.pid}`)

    const backend = new JsonFileBackend({ path: root })
    backends.push(backend)
    await (await backend.createSession(new SessionMetadata({ session_id: 'after-takeover' }))).close()
    expect(await readFile(join(root, 'store.lock'), 'utf8')).toContain(`"pid":${process.pid}`)
  })

  it('takes over a stale lock whose pid now belongs to another live process', async () => {
    const root = await newStore()
    const lockPath = join(root, 'store.lock')
    const holder = lockChild(lockPath, 'hold')
    expect(JSON.parse(await holder.firstLine)).toMatchObject({ acquired: true })
    holder.process.kill('SIGKILL')
    await holder.exited
    // Another program starts and gets the dead owner's pid: here, a live process put into the lock in its place.
    const stranger = runNode('console.log("up"); process.stdin.resume()')
    children.push(stranger)
    await stranger.firstLine
    const lock = JSON.parse(await readFile(lockPath, 'utf8'))
    await writeFile(lockPath, JSON.stringify({ ...lock, pid: stranger.process.pid }))

    const backend = new JsonFileBackend({ path: root })
    backends.push(backend)
    await expect(backend.connect()).resolves.toBe(true)
    expect(JSON.parse(await readFile(lockPath, 'utf8'))).toMatchObject({ pid: process.pid })
  })

  it('tells how to take over a lock held by a live process', async () => {
    const root = await newStore()
    const holder = lockChild(join(root, 'store.lock'), 'hold')
    expect(JSON.parse(await holder.firstLine)).toMatchObject({ acquired: true })
    const error = await new JsonFileBackend({ path: root }).connect().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(StoreLockedError)
    expect((error as StoreLockedError).message).toContain(
      `If no Memory Inspector is running on ${hostname()}, remove ${join(root, 'store.lock')}`,
    )
  })

  it('leaves no temp file behind when the disk refuses to write the lock', async () => {
    const root = await newStore()
    // A real write failure: the child may not grow any file past 0 bytes (EFBIG, as a full disk gives ENOSPC).
    const child = runNode(
      `
      process.on('SIGXFSZ', () => undefined)
      const { acquireStoreLock } = await import(${JSON.stringify(lockModuleUrl)})
      const outcome = await acquireStoreLock(${JSON.stringify(join(root, 'store.lock'))}).then(
        () => 'acquired',
        (error) => error.code,
      )
      console.log(outcome)
    `,
      { maxFileBlocks: 0 },
    )
    children.push(child)
    expect(await child.firstLine).toBe('EFBIG')
    expect(await readdir(root)).toEqual([])
  })

  it('removes lock temp files that crashed processes left', async () => {
    const root = await newStore()
    const dead = runNode('console.log(process.pid)')
    const deadPid = Number(await dead.firstLine)
    await dead.exited
    const leftover = join(root, `store.lock.${deadPid}.0b1c5a3e-7d1e-4a8f-9a43-1f4a6c1d2e3f.tmp`)
    await writeFile(leftover, '{"pid":1')
    const fresh = join(root, `store.lock.${deadPid}.1b1c5a3e-7d1e-4a8f-9a43-1f4a6c1d2e3f.tmp`)
    await writeFile(fresh, '{"pid":1') // may be another host's write in progress: left alone
    const minuteAgo = new Date(Date.now() - 60_000)
    await utimes(leftover, minuteAgo, minuteAgo)
    const attempt = await acquireStoreLock(join(root, 'store.lock'))
    expect(attempt.acquired).toBe(true)
    if (attempt.acquired) await releaseStoreLock(attempt.lock)
    expect(await readdir(root)).toEqual([basename(fresh)])
  })

  it('of two processes racing for a stale lock, exactly one wins', async () => {
    const root = await newStore()
    const lockPath = join(root, 'store.lock')
    for (let round = 0; round < 3; round += 1) {
      const dead = lockChild(lockPath, 'hold')
      await dead.firstLine
      dead.process.kill('SIGKILL')
      await dead.exited
      const racers = [lockChild(lockPath, 'hold'), lockChild(lockPath, 'hold')]
      const results = await Promise.all(racers.map(async (racer) => JSON.parse(await racer.firstLine)))
      expect(results.filter((result) => result.acquired)).toHaveLength(1)
      for (const racer of racers) racer.process.stdin!.end()
      await Promise.all(racers.map((racer) => racer.exited))
    }
  })

  it('treats a lock from another host as live, and a lock with our pid we never took as stale', async () => {
    const root = await newStore()
    const lockPath = join(root, 'store.lock')
    await writeFile(
      lockPath,
      JSON.stringify({ pid: 1, hostname: 'some-other-host', token: 't', acquired_at: '' }),
    )
    const foreign = await acquireStoreLock(lockPath)
    expect(foreign).toEqual({
      acquired: false,
      owner: expect.objectContaining({ hostname: 'some-other-host' }),
    })

    await writeFile(
      lockPath,
      JSON.stringify({ pid: process.pid, hostname: hostname(), token: 'old-run', acquired_at: '' }),
    )
    const reused = await acquireStoreLock(lockPath)
    expect(reused.acquired).toBe(true)
    if (reused.acquired) await releaseStoreLock(reused.lock)
  })
})
