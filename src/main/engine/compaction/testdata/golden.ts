/** Test data: what MARSYS's own compaction did with each conversation (written by generate_marsys_golden.py). */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { ManagedMemoryConfigInput } from '../../marsys/memory/managedConfig'
import type { WireMessage } from '../types'

export interface GoldenScenario {
  name: string
  config: ManagedMemoryConfigInput
  runtime: { agent_instruction?: string; compaction_model_name?: string; provider?: string }
  /** The stub compaction model's reply; null: no model. */
  reply: string | null
  before: WireMessage[]
  after: WireMessage[]
  /** `metadata.last_compaction.stages` without wall-clock fields; null when MARSYS did not compact. */
  stages: Record<string, unknown>[] | null
  pre_tokens: number | null
  post_tokens: number | null
  /** What the model was sent (without response_schema). */
  model_calls: { messages: WireMessage[]; max_tokens: number; temperature: number; json_mode: boolean }[]
}

export const GOLDEN: readonly GoldenScenario[] = JSON.parse(
  readFileSync(resolve(__dirname, 'marsys-golden.json'), 'utf8'),
) as GoldenScenario[]

export const goldenScenario = (name: string): GoldenScenario => {
  const found = GOLDEN.find((g) => g.name === name)
  if (!found) throw new Error(`no golden scenario ${name}`)
  return found
}
