import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Message, MessageRole } from '../../../shared/model/langswarm'
import { DEFAULT_INDEX_SHARDS, shardFileName, shardOf } from '../langswarm/storeLayout'
import { tempDirs } from '../testing/tempDir'
import { SessionWorkspace } from './sessionWorkspace'

const dirs = tempDirs()
const workspaces: SessionWorkspace[] = []
afterEach(async () => {
  await Promise.all(workspaces.splice(0).map((workspace) => workspace.close()))
  await dirs.cleanup()
})

describe('SessionWorkspace.repair', () => {
  it('repairs the open store and reopens it, with calls made meanwhile waiting for the repair', async () => {
    const workspace = new SessionWorkspace(await dirs.make())
    workspaces.push(workspace)
    const manager = await workspace.get()
    const session = await manager.createSession({ session_id: 'lost-entry' })
    await session.addMessage(new Message({ role: MessageRole.USER, content: 'keep me' }))
    await manager.stop()
    // A crash took the session's index entry; its file survived.
    const shard = join(workspace.path, 'index', shardFileName(shardOf('lost-entry', DEFAULT_INDEX_SHARDS)))
    await writeFile(shard, '{"sessions":{}}')
    expect(await (await workspace.get()).getSession('lost-entry')).toBeNull()

    const dry = await workspace.repair({ dryRun: true })
    expect(dry.actions.map((action) => action.action)).toEqual(['restored_session', 'rewrote_index_shard'])
    const [report, reopened] = await Promise.all([workspace.repair(), workspace.get()])
    expect(report.sessions).toBe(1)
    const restored = await reopened.getSession('lost-entry')
    expect((await restored!.getMessages()).map((message) => message.content)).toEqual(['keep me'])
    expect(reopened).toBe(await workspace.get())
  })
})
