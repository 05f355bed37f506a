import { describe, expect, it } from 'vitest'
import type { JsonValue } from '../marsys/memory/jsonValue'
import { ManagedMemoryConfig } from '../marsys/memory/managedConfig'
import { ManagedConversationMemory } from '../marsys/memory/managedMemory'
import { createMarsysCompactor } from './marsysCompactor'
import { GOLDEN } from './testdata/golden'

describe.each(GOLDEN.map((g) => [g.name, g] as const))(
  'ManagedConversationMemory.compactIfNeeded with the compactor: %s',
  (_name, g) => {
    it("rewrites the memory as MARSYS's did and records the same stages", async () => {
      const model = g.reply === null ? null : { name: 'ignored', complete: async () => g.reply! }
      const memory = new ManagedConversationMemory({
        config: new ManagedMemoryConfig(g.config),
        compactor: createMarsysCompactor(model),
      })
      for (const m of g.before) {
        memory.add({
          role: m.role as string,
          content: (m.content ?? null) as JsonValue,
          name: (m.name as string | undefined) ?? null,
          toolCalls: (m.tool_calls as JsonValue[] | undefined) ?? null,
          toolCallId: (m.tool_call_id as string | undefined) ?? null,
        })
      }
      const compacted = await memory.compactIfNeeded({
        agentInstruction: g.runtime.agent_instruction ?? null,
        compactionModelName: g.runtime.compaction_model_name ?? null,
      })
      expect(compacted).toBe(g.stages !== null)
      expect(memory.getMessages()).toEqual(g.after)
      if (g.stages === null) return
      const last = memory.metadata.last_compaction as { stages: unknown; post_compaction_tokens: number }
      expect(last.stages).toEqual(g.stages)
      expect(last.post_compaction_tokens).toBe(g.post_tokens)
    })
  },
)
