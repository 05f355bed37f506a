import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs'
import { dumpPyJson, pyFloatRepr } from '../../shared/pyjson'
import { Random } from '../engine/testing/random'

const WORDS = (
  'the agent record status owner history event lookup result summary tool call request response memory file ' +
  'context window token budget plan step item user assistant system message value field error retry cache ' +
  'database query index search document page section table column row report analysis metric latency'
).split(' ')

const UNICODE_SNIPPETS = [
  'café ☕',
  'naïve résumé',
  '東京 タワー',
  'مرحبا بالعالم',
  'שלום',
  '😀🚀👍🏽',
  '𝔸𝔹ℂ ∑∫√∞',
  'Grüße — «merci»',
]

// A tiny valid PNG (1×1), repeated payload bytes make "small" data URLs of a few KB.
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

function sentence(rng: Random, words: number): string {
  const out: string[] = []
  for (let i = 0; i < words; i++) out.push(rng.pick(WORDS))
  if (rng.chance(0.15)) out.push(rng.pick(UNICODE_SNIPPETS))
  return out.join(' ') + '.'
}

function paragraph(rng: Random, minChars: number, maxChars: number): string {
  const target = rng.int(minChars, maxChars)
  let text = ''
  while (text.length < target) text += (text ? ' ' : '') + sentence(rng, rng.int(6, 18))
  return text
}

/**
 * Messages shaped like real MARSYS `to_llm_dict` output: user questions, assistant tool calls with their tool
 * results (dict content as compact JSON strings), long answers, typed arrays, dict-as-string content, unicode and
 * a few small base64 images. Deterministic for a given seed.
 */
export function* generateMessages(count: number, seed = 42): Generator<Record<string, unknown>> {
  const rng = new Random(seed)
  let produced = 0
  let callId = 0
  const emit = function* (message: Record<string, unknown>): Generator<Record<string, unknown>> {
    if (produced < count) {
      produced++
      yield message
    }
  }
  yield* emit({ role: 'system', content: paragraph(rng, 300, 800) })
  while (produced < count) {
    const kind = rng.next()
    if (kind < 0.06) {
      yield* emit({
        role: 'user',
        content: [
          { type: 'text', text: paragraph(rng, 40, 200) },
          {
            type: 'image_url',
            image_url: { url: `data:image/png;base64,${PNG_BASE64.repeat(rng.int(10, 40))}` },
          },
        ],
      })
    } else if (kind < 0.12) {
      yield* emit({
        role: 'user',
        content: JSON.stringify({
          feedback: sentence(rng, 8),
          rating: rng.int(1, 5),
          note: rng.pick(UNICODE_SNIPPETS),
        }),
      })
    } else if (kind < 0.18) {
      yield* emit({
        role: 'user',
        content: [
          { type: 'text', text: paragraph(rng, 100, 600) },
          { type: 'text', text: paragraph(rng, 100, 600) },
        ],
      })
    } else {
      yield* emit({ role: 'user', content: paragraph(rng, 80, 700) })
    }
    if (rng.chance(0.45)) {
      const calls = Array.from({ length: rng.int(1, 3) }, () => ({
        id: `call_${(++callId).toString(16).padStart(8, '0')}`,
        type: 'function',
        function: {
          name: rng.pick(['db_lookup', 'web_search', 'read_file', 'run_query']),
          arguments: JSON.stringify({ query: sentence(rng, 5), limit: rng.int(1, 50) }),
        },
      }))
      yield* emit({
        role: 'assistant',
        content: rng.chance(0.5) ? null : sentence(rng, 10),
        tool_calls: calls,
      })
      for (const call of calls) {
        const rows = Array.from({ length: rng.int(2, 12) }, (_, i) => ({
          id: i,
          text: sentence(rng, rng.int(5, 25)),
        }))
        yield* emit({
          role: 'tool',
          content: JSON.stringify({ ok: true, rows }),
          tool_call_id: call.id,
          name: call.function.name,
        })
      }
    }
    const answer: Record<string, unknown> = { role: 'assistant', content: paragraph(rng, 200, 3000) }
    if (rng.chance(0.3)) answer.name = 'gpt-4o'
    yield* emit(answer)
  }
}

const HEADER = '{\n  "memory_type": "conversation_history",\n  "messages": ['
const ELEMENT_SEPARATOR = ',\n    '
const FLUSH_CHARS = 1 << 20

/**
 * Streams a MARSYS save file with `count` generated messages to `path`, byte for byte what `json.dump(indent=2)`
 * writes for the same data. Returns the file size.
 */
/** The `timestamp` the generated files carry (a fixed one, so runs write the same bytes). */
export const GENERATED_TIMESTAMP = 1795317863.1020892

export function writeGeneratedMarsysFile(path: string, count: number, timestamp: number, seed = 42): number {
  const fd = openSync(path, 'w')
  let size = 0
  let pending = ''
  const write = (text: string, force = false): void => {
    pending += text
    if (pending.length >= FLUSH_CHARS || force) {
      size += writeSync(fd, pending)
      pending = ''
    }
  }
  try {
    write(HEADER)
    let first = true
    for (const message of generateMessages(count, seed)) {
      write((first ? '\n    ' : ELEMENT_SEPARATOR) + dumpPyJson(message, { indent: 2, level: 2 }))
      first = false
    }
    write(`${first ? ']' : '\n  ]'},\n  "timestamp": ${pyFloatRepr(timestamp)}\n}`, true)
    // On disk before anything is timed: a write-back still running would slow the next phase's own writes.
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  return size
}
