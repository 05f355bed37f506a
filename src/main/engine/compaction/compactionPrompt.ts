/**
 * The texts of MARSYS's summarization request (`memory_strategies.py`: `COMPACTION_SYSTEM_PROMPT`,
 * `COMPACTION_OUTPUT_SCHEMA`, the length guidance and the final instruction), reproduced because a simulation with
 * an LLM must send what MARSYS sends.
 */

export const COMPACTION_SYSTEM_PROMPT = [
  'You are a context compaction assistant. Your task is to compress a conversation ' +
    'history into a concise summary that preserves all information needed for the ' +
    'agent to continue its work effectively.',
  '',
  'You MUST respond with valid JSON matching the required schema. Do not include ' +
    'any text outside the JSON object.',
  '',
  'Preserve:',
  '- Key facts, decisions, and conclusions reached',
  '- Current state of any ongoing tasks or threads',
  '- Important constraints or requirements mentioned',
  '- Any unresolved questions or pending actions',
  '- References to specific data, URLs, file paths, or identifiers',
  '',
  'Discard:',
  '- Verbose tool outputs that have already been processed',
  '- Redundant re-statements of the same information',
  '- Conversational filler or acknowledgments',
  '- Intermediate reasoning that led to already-captured conclusions',
  '',
  'Additionally, extract all user requests and requirements into a separate ' +
    '"user_request_summary" field. This should be a concise summary of what the user ' +
    'asked for, preserving specific details, constraints, and requirements. ' +
    'The instruction message at the end is NOT a user request — do not include it.',
  '',
  'Image Retention:',
  '- Be highly selective — images are expensive in payload size',
  '- Only retain images that will be required for finishing the task',
].join('\n')

/** "At most approximately N words", N = int(output_max_tokens * 0.75 * 0.9). */
export function lengthGuidance(outputMaxTokens: number): string {
  const maxWords = Math.trunc(outputMaxTokens * 0.75 * 0.9)
  return (
    `\n\nIMPORTANT: Your entire JSON response must be at most ` +
    `approximately ${maxWords} words. Keep the summary concise and ` +
    `each salient fact to one sentence.`
  )
}

export const FINAL_INSTRUCTION =
  'Now summarize the conversation above. Preserve user requests ' +
  'and compact the context needed to finish the task. Respond with ' +
  'the required JSON.'

export const COMPACTION_OUTPUT_SCHEMA = {
  type: 'object',
  properties: {
    user_request_summary: {
      type: 'string',
      description: 'Concise summary of all user requests and requirements from the conversation.',
    },
    summary: {
      type: 'string',
      description: 'Concise narrative summary of the conversation so far.',
    },
    salient_facts: {
      type: 'array',
      items: { type: 'string' },
      description: 'Key facts, decisions, and data points to preserve.',
    },
    open_threads: {
      type: 'array',
      items: { type: 'string' },
      description: 'Unresolved tasks, pending actions, or open questions.',
    },
    keep_images: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          image_id: {
            type: 'string',
            description: 'The image ID from the conversation (e.g., img_0000).',
          },
          context: {
            type: 'string',
            description:
              'Brief description of what this image represents and ' +
              'in which context it was used. This will accompany the ' +
              'image after compaction.',
          },
        },
        required: ['image_id', 'context'],
      },
      description:
        'Images to retain. Only include images with unique, essential ' +
        'information not captured in the text summary.',
    },
  },
  required: ['user_request_summary', 'summary', 'salient_facts', 'open_threads', 'keep_images'],
}
