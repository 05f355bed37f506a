import type { JsonValue } from './jsonValue'

/** A tool call as written to files and sent to LLMs (OpenAI shape; `ToolCallMsg.toDict()`). */
export interface ToolCallDict {
  id: string
  type: string
  function: { name: string; arguments: string }
}

/**
 * A message in the LLM-API shape MARSYS writes to memory files (`Message.to_llm_dict`). Key order matters and is
 * the order of this interface; for `role: "tool"` it is role, content, tool_call_id, name.
 */
export interface LlmDict {
  role: string
  content: JsonValue
  tool_call_id?: string
  name?: string
  tool_calls?: ToolCallDict[]
  reasoning_details?: JsonValue[]
}
