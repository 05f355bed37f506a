/**
 * How many tokens a message costs in an OpenAI chat request, the rule of OpenAI's cookbook
 * (`num_tokens_from_messages`) as gpt-tokenizer implements it (`countChatCompletionTokens`), extended to what
 * that rule leaves out. For one message:
 *
 * - 3 tokens of framing (`<|start|>`, the separator, `<|end|>`), plus the tokens of the role;
 * - the content's tokens (a string content as it is; a list's text parts each counted and added; other list items
 *   and non-string content as their compact JSON);
 * - a `name`: its tokens plus 1;
 * - each tool call: the tokens of the function name and of the arguments string, plus 3 (the metadata overhead
 *   gpt-tokenizer gives a `function_call`); the call's id and type are not counted;
 * - a tool result (role `tool`) is a message like any other: role + content; its `tool_call_id` is not counted
 *   (it does not appear in the rendered prompt); the legacy role `function` is 2 tokens cheaper, as in gpt-tokenizer;
 * - each image: OpenAI's tile rule (see imageTokens.ts).
 *
 * Once per conversation, 3 tokens prime the reply (`<|start|>assistant<|message|>`); they belong to the total,
 * not to any message. Tool definitions are not stored in memory files, so they are not counted.
 */
import {
  COMPLETION_REQUEST_TOKEN_OVERHEAD,
  FUNCTION_CALL_METADATA_TOKEN_OVERHEAD,
  FUNCTION_ROLE_TOKEN_DISCOUNT,
  MESSAGE_NAME_TOKEN_OVERHEAD,
  MESSAGE_TOKEN_OVERHEAD,
} from 'gpt-tokenizer/functionCalling'
import { dataUrlImageSize, imageTokens } from './imageTokens'
import { isToolResultRole, type MessageParts } from './messageParts'

/** Tokens added once per conversation to prime the assistant's reply. */
export const REPLY_PRIMING_TOKENS = COMPLETION_REQUEST_TOKEN_OVERHEAD

/** One message's tokens for one encoding, by kind; `total` is their sum. */
export interface KindTokens {
  /** Content of a non-tool message. */
  text: number
  /** Content of a tool result (role `tool` or `function`). */
  toolResults: number
  /** Function names and arguments of the message's tool calls, with their overhead. */
  toolCalls: number
  images: number
  /** Framing, role and name. */
  overhead: number
  total: number
}

export const KINDS = ['text', 'toolResults', 'toolCalls', 'images', 'overhead'] as const
export type TokenKind = (typeof KINDS)[number]

export const emptyKindTokens = (): KindTokens => ({
  text: 0,
  toolResults: 0,
  toolCalls: 0,
  images: 0,
  overhead: 0,
  total: 0,
})

export function chatMessageTokens(parts: MessageParts, countText: (text: string) => number): KindTokens {
  const result = emptyKindTokens()
  if (!parts.isObject) return result
  let content = 0
  for (const text of parts.texts) content += countText(text)
  if (isToolResultRole(parts.role)) result.toolResults = content
  else result.text = content
  for (const call of parts.toolCalls)
    result.toolCalls +=
      countText(call.name) + countText(call.arguments) + FUNCTION_CALL_METADATA_TOKEN_OVERHEAD
  for (const image of parts.images) result.images += imageTokens(image.detail, dataUrlImageSize(image.url))
  result.overhead = MESSAGE_TOKEN_OVERHEAD + countText(parts.role)
  if (parts.name !== '') result.overhead += countText(parts.name) + MESSAGE_NAME_TOKEN_OVERHEAD
  if (parts.role === 'function') result.overhead -= FUNCTION_ROLE_TOKEN_DISCOUNT
  result.total = result.text + result.toolResults + result.toolCalls + result.images + result.overhead
  return result
}
