import { describe, expect, it } from 'vitest'
import { InsightRunner, type ConversationSource } from './insightRunner'
import { loopConversation } from './testing/testConversations'

function sourceOf(messages: unknown[], onRead?: (index: number) => void): ConversationSource {
  return {
    id: 'c',
    revision: 3,
    memoryType: null,
    count: messages.length,
    raw: (i) => {
      onRead?.(i)
      return JSON.stringify(messages[i])
    },
  }
}

describe('InsightRunner', () => {
  const runner = new InsightRunner('inline')

  it('reads every message of the source and reports at the source’s revision', async () => {
    const read: number[] = []
    const report = (await runner.run({
      kind: 'document',
      conversation: sourceOf(loopConversation(), (i) => read.push(i)),
    })) as { revision: number; analysis: { messageCount: number; tools: { loops: unknown[] } } }
    expect(read).toEqual(loopConversation().map((_, i) => i))
    expect(report.revision).toBe(3)
    expect(report.analysis.messageCount).toBe(loopConversation().length)
    expect(report.analysis.tools.loops).toHaveLength(1)
  })

  it('fails, naming the reason, when the conversation changed while it was read', async () => {
    let changed = false
    const source = {
      ...sourceOf(loopConversation(), (i) => (changed ||= i === 2)),
      checkUnchanged: () => {
        if (changed) throw Object.assign(new Error('changed'), { code: 'CONFLICT' })
      },
    }
    await expect(runner.run({ kind: 'document', conversation: source })).rejects.toMatchObject({
      code: 'CONFLICT',
    })
  })

  it('does not start a job already cancelled', async () => {
    const controller = new AbortController()
    controller.abort()
    const read: number[] = []
    await expect(
      runner.run(
        { kind: 'graph', conversation: sourceOf(loopConversation(), (i) => read.push(i)) },
        { signal: controller.signal },
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'cancelled' } })
    expect(read).toEqual([])
  })
})
