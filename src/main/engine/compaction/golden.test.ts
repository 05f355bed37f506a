import { describe, expect, it } from 'vitest'
import { ManagedMemoryConfig } from '../marsys/memory/managedConfig'
import { simulateCompaction } from './simulate'
import { GOLDEN } from './testdata/golden'
import type { CompactionModel, CompactionModelRequest } from './types'

/** A compaction model that answers like MARSYS's stub did and records what it was sent. */
function replayModel(name: string, reply: string): CompactionModel & { calls: CompactionModelRequest[] } {
  const calls: CompactionModelRequest[] = []
  return {
    name,
    calls,
    complete: async (request) => {
      calls.push(structuredClone(request))
      return reply
    },
  }
}

describe.each(GOLDEN.map((g) => [g.name, g] as const))('MARSYS compaction: %s', (_name, golden) => {
  const run = async () => {
    const model =
      golden.reply === null
        ? null
        : replayModel(golden.runtime.compaction_model_name ?? 'unknown', golden.reply)
    const result = await simulateCompaction(golden.before, new ManagedMemoryConfig(golden.config), {
      model,
      agentInstruction: golden.runtime.agent_instruction ?? null,
      provider: golden.runtime.provider ?? null,
    })
    return { result, model }
  }

  it('gives the messages MARSYS gave', async () => {
    const { result } = await run()
    expect(result.messages).toEqual(golden.after)
    expect(result.triggered).toBe(golden.stages !== null)
  })

  it('records the stages and tokens MARSYS recorded', async () => {
    const { result } = await run()
    if (golden.stages === null) {
      expect(result.stages).toEqual([])
      return
    }
    expect(result.tokensBefore).toBe(golden.pre_tokens)
    expect(result.tokensAfter).toBe(golden.post_tokens)
    expect(result.stages.map((s) => s.metadata)).toEqual(golden.stages)
  })

  it('sends the model exactly what MARSYS sent', async () => {
    const { model } = await run()
    expect(model?.calls.length ?? 0).toBe(golden.model_calls.length)
    golden.model_calls.forEach((call, i) => {
      const sent = model!.calls[i]
      expect(sent.payload).toEqual(call.messages)
      expect([sent.maxTokens, sent.temperature, sent.jsonMode]).toEqual([
        call.max_tokens,
        call.temperature,
        call.json_mode,
      ])
    })
  })
})
