import { countTokens as countO200k } from 'gpt-tokenizer/encoding/o200k_base'
import { countTokens as countCl100k } from 'gpt-tokenizer/encoding/cl100k_base'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DefaultTokenCounter } from '../../../shared/tokens/marsysTokenCounter'
import { MarsysFile } from '../marsys/codec'
import { SAVED_FIXTURES, readFixture } from '../testing/codecTestkit'
import { ConversationTokenLedger } from './conversationTokens'
import { marsysMessageTexts } from './marsysMessageTexts'
import { BPE_ENCODINGS } from './messageTokens'
import { workerFromSource } from './testing/sourceWorker'
import { TokenService, type MessageTextList } from './tokenService'
import { TokenWorkerPool } from './tokenWorkerPool'

const NO_SPECIAL = { disallowedSpecial: new Set<string>() }
const REFERENCE_STRINGS = [
  'hello world',
  'The quick brown fox jumps over the lazy dog.',
  'Café naïve 東京 مرحبا שלום',
  'emoji 😀🚀👩‍👩‍👧 and a lone surrogate \ud83d!',
  'def f(x):\n    return x ** 2  # comment\n',
  '<|endoftext|> and <|im_start|> are plain text here',
  '   leading and trailing spaces   ',
  '1234567890 3.14159 -42 1e10',
  'a'.repeat(5000),
]

let service: TokenService
beforeAll(async () => {
  service = new TokenService({ workerPath: await workerFromSource(), size: 2 })
})
afterAll(() => service.close())

const textList = (texts: string[]): MessageTextList => ({ length: texts.length, text: (i) => texts[i] })

describe('TokenService counts', () => {
  it('equal gpt-tokenizer and MARSYS on reference strings', async () => {
    const messages = REFERENCE_STRINGS.map((content) => ({ role: 'user', content }))
    const result = await service.count(messages, { encodings: BPE_ENCODINGS })
    const marsys = new DefaultTokenCounter()
    result.messages.forEach((tokens, i) => {
      const text = REFERENCE_STRINGS[i]
      expect(tokens.o200k_base?.text).toBe(countO200k(text, NO_SPECIAL))
      expect(tokens.cl100k_base?.text).toBe(countCl100k(text, NO_SPECIAL))
      expect(tokens.marsys).toBe(marsys.countMessage(messages[i]))
      expect(tokens.langswarm).toBe(text.split(/\s+/).filter(Boolean).length)
    })
    const sum = result.messages.reduce((s, m) => s + (m.o200k_base?.total ?? 0), 0)
    expect(result.totals.o200k_base?.total).toBe(sum + 3)
    expect(result.totals.marsys).toBe(result.messages.reduce((s, m) => s + (m.marsys ?? 0), 0))
  })

  it.each(SAVED_FIXTURES)('%s: MARSYS figures equal the file codec, in a worker', async (name) => {
    const file = MarsysFile.open(readFixture(name))
    if (file.messagesKind !== 'list') return
    const result = await service.count(marsysMessageTexts(file))
    expect(result.messages.map((m) => m.marsys)).toEqual(
      Array.from({ length: file.messageCount }, (_, i) => file.marsysTokens(i)),
    )
    expect(result.totals.marsys).toBe(file.marsysTokenTotal)
  })

  it('counts only the encodings asked for', async () => {
    const result = await service.count([{ role: 'user', content: 'x' }])
    expect(result.messages[0].o200k_base).toBeUndefined()
    expect(result.totals.o200k_base).toBeUndefined()
    expect(result.messages[0].marsys).toBe(3)
  })

  it('names the message whose JSON is bad', async () => {
    await expect(service.count(textList(['{"role": "user"}', '{"role": '.repeat(1)]))).rejects.toThrow(
      /^message 1: invalid message JSON/,
    )
  })
})

describe('the cache and incremental updates', () => {
  const conversation = Array.from({ length: 40 }, (_, i) => ({
    role: i % 2 ? 'assistant' : 'user',
    content: `message number ${i} about caching tokens`,
  }))

  it('answers a second count of the same messages from the cache', async () => {
    const first = await service.count(conversation, { encodings: BPE_ENCODINGS })
    const before = service.stats
    const second = await service.count(conversation, { encodings: BPE_ENCODINGS })
    expect(service.stats.counted).toBe(before.counted)
    expect(service.stats.cacheHits - before.cacheHits).toBe(conversation.length)
    expect(second).toEqual(first)
  })

  it('counts encodings the cache lacks', async () => {
    const fresh = [{ role: 'user', content: 'only o200k first, then cl100k' }]
    await service.count(fresh, { encodings: ['o200k_base'] })
    const before = service.stats.counted
    const both = await service.count(fresh, { encodings: BPE_ENCODINGS })
    expect(service.stats.counted).toBe(before + 1)
    expect(both.messages[0].cl100k_base?.total).toBeGreaterThan(0)
  })

  it('re-counts one message after an edit, and the totals follow', async () => {
    const messages = conversation.map((m) => ({ ...m, content: `${m.content} (ledger)` }))
    const ledger = await ConversationTokenLedger.create(service, messages, { encodings: BPE_ENCODINGS })
    const before = service.stats.counted

    const edited = {
      role: 'user',
      content: 'an edited message that is a good deal longer than it was before',
    }
    await ledger.replace(7, edited)
    expect(service.stats.counted).toBe(before + 1)
    messages[7] = edited
    const fresh = await service.count(messages, { encodings: BPE_ENCODINGS })
    expect(ledger.messages).toEqual(fresh.messages)
    expect(ledger.totals).toEqual(fresh.totals)

    const inserted = { role: 'tool', tool_call_id: 'c1', content: 'a tool result' }
    // Edits made without waiting apply in order.
    void ledger.insert(0, inserted)
    await ledger.remove(10, 2)
    messages.unshift(inserted)
    messages.splice(10, 2)
    expect(ledger.totals).toEqual((await service.count(messages, { encodings: BPE_ENCODINGS })).totals)
    expect(ledger.totals).toEqual(ledger.recomputedTotals())
    await expect(ledger.remove(messages.length)).rejects.toThrow(RangeError)
    expect(ledger.messages).toHaveLength(messages.length)
  })
})

describe('batching across workers', () => {
  // Sizes that vary a lot, so batches finish out of order across the two workers.
  const contents = Array.from({ length: 300 }, (_, i) => `${i} ${'tokens and words '.repeat((i * 37) % 400)}`)

  it('puts every count at its message, whatever order the batches finish in', async () => {
    const messages = contents.map((content, i) => ({ role: i % 3 ? 'user' : 'assistant', content }))
    const result = await service.count(messages, { encodings: ['o200k_base'] })
    expect(result.messages.map((m) => m.o200k_base?.text)).toEqual(
      contents.map((content) => countO200k(content, NO_SPECIAL)),
    )
    expect(result.messages.map((m) => m.role)).toEqual(messages.map((m) => m.role))
  })

  it('counts a text repeated within one count once, and gives each copy its figures', async () => {
    const repeated = { role: 'tool', content: 'the same tool result, returned again and again' }
    const other = { role: 'user', content: 'a message seen once in this batch test' }
    const messages = [repeated, other, repeated, repeated, other]
    const before = service.stats.counted
    const result = await service.count(messages, { encodings: ['cl100k_base'] })
    expect(service.stats.counted - before).toBe(2)
    expect(result.messages[2]).toEqual(result.messages[0])
    expect(result.messages[4]).toEqual(result.messages[1])
    expect(result.messages[0].cl100k_base?.toolResults).toBe(countCl100k(repeated.content, NO_SPECIAL))
    expect(result.totals.cl100k_base?.total).toBe(
      result.messages.reduce((sum, m) => sum + (m.cl100k_base?.total ?? 0), 0) + 3,
    )
  })

  it('re-counts an edited message (its text hashes to a new key) and answers the rest from the cache', async () => {
    const messages = contents
      .slice(0, 50)
      .map((content) => ({ role: 'user', content: `${content} edit test` }))
    await service.count(messages, { encodings: ['o200k_base'] })
    const before = service.stats
    const edited = [...messages]
    edited[20] = { role: 'user', content: 'this message was edited' }
    const result = await service.count(edited, { encodings: ['o200k_base'] })
    expect(service.stats.counted - before.counted).toBe(1)
    expect(service.stats.cacheHits - before.cacheHits).toBe(49)
    expect(result.messages[20].o200k_base?.text).toBe(countO200k('this message was edited', NO_SPECIAL))
  })
})

describe('progress and cancel', () => {
  const big = Array.from({ length: 600 }, (_, i) => ({
    role: 'user',
    content: `${i} `.repeat(800),
  }))

  it('reports progress up to the total', async () => {
    const seen: number[] = []
    await service.count(big.slice(0, 300), {
      encodings: ['cl100k_base'],
      onProgress: (p) => seen.push(p.done),
    })
    expect(seen.length).toBeGreaterThan(1)
    expect(seen.at(-1)).toBe(300)
    expect([...seen].sort((a, b) => a - b)).toEqual(seen)
  })

  it('stops at once when aborted while batches are out, without stray rejections', async () => {
    const controller = new AbortController()
    const long = JSON.stringify({ role: 'user', content: 'word '.repeat(4000) })
    const list: MessageTextList = {
      length: 200,
      text: (i) => {
        if (i === 50) controller.abort()
        return long.replace('word', `w${i}`)
      },
    }
    const before = service.stats.counted
    await expect(
      service.count(list, { encodings: ['cl100k_base'], signal: controller.signal }),
    ).rejects.toThrow(/abort/i)
    // Some batches went out before the abort; nothing after it.
    expect(service.stats.counted - before).toBeGreaterThan(0)
    expect(service.stats.counted - before).toBeLessThanOrEqual(50)
  })

  it('stops when aborted, leaving the pool ready for the next count', async () => {
    const controller = new AbortController()
    const counting = service.count(big, {
      encodings: ['o200k_base'],
      signal: controller.signal,
      onProgress: () => controller.abort(),
    })
    await expect(counting).rejects.toThrow(/abort/i)
    const before = service.stats.counted
    expect(before).toBeGreaterThan(0)

    const already = new AbortController()
    already.abort()
    await expect(service.count(big, { signal: already.signal })).rejects.toThrow(/abort/i)
    const after = await service.count([{ role: 'user', content: 'still works' }], {
      encodings: ['o200k_base'],
    })
    expect(after.messages[0].o200k_base?.text).toBe(countO200k('still works'))
  })
})

describe('the worker pool', () => {
  it('starts every worker on warm-up, and closes them all', async () => {
    const pool = new TokenWorkerPool({ workerPath: await workerFromSource(), size: 2 })
    expect(pool.workerCount).toBe(0)
    await pool.warmUp(['cl100k_base'])
    expect(pool.workerCount).toBe(2)
    await pool.close()
    expect(pool.workerCount).toBe(0)
    await expect(pool.run({ encodings: [], texts: ['{}'] })).rejects.toThrow(/closed/)
  })

  /** A pool of one worker running `source`, a stand-in worker script written to a temporary file. */
  async function withScriptPool(
    source: string[],
    use: (pool: TokenWorkerPool) => Promise<void>,
  ): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), 'mi-script-worker-'))
    const script = join(dir, 'worker.mjs')
    await writeFile(script, ["import { parentPort } from 'node:worker_threads'", ...source].join('\n'))
    const pool = new TokenWorkerPool({ workerPath: script, size: 1 })
    try {
      await use(pool)
    } finally {
      await pool.close()
      await rm(dir, { recursive: true, force: true })
    }
  }

  it('fails a count clearly when a worker dies, and keeps serving with a new one', async () => {
    // Answers the first batch by exiting, as a worker killed by the system would.
    await withScriptPool(["parentPort.on('message', () => process.exit(3))"], async (pool) => {
      await expect(pool.run({ encodings: [], texts: ['{}'] })).rejects.toThrow(
        /^token worker failed: a token worker stopped \(exit code 3\)$/,
      )
      expect(pool.workerCount).toBe(0)
      await expect(pool.run({ encodings: [], texts: ['{}'] })).rejects.toThrow(/exit code 3/)
    })
  })

  it('hands the batches queued behind a crashed one to a new worker', async () => {
    // Exits on a batch whose first text is "crash"; answers every other batch with its size as the count.
    const source = [
      "parentPort.on('message', (request) => {",
      "  if (request.texts[0] === 'crash') process.exit(3)",
      // Packed counts (packedTokens.ts) with no encodings: MARSYS and langswarm per message.
      '  const numbers = new Float64Array(request.texts.flatMap(() => [request.texts.length, 0]))',
      '  parentPort.postMessage({ id: request.id, counts: { roles: request.texts.map(() => "user"), numbers } })',
      '})',
    ]
    await withScriptPool(source, async (pool) => {
      const crashing = pool.run({ encodings: [], texts: ['crash'] })
      const behind = pool.run({ encodings: [], texts: ['a', 'b'] })
      await expect(crashing).rejects.toThrow(/exit code 3/)
      expect((await behind).map((count) => count.marsys)).toEqual([2, 2])
      expect(pool.workerCount).toBe(1)
    })
  })

  it('sizes itself from the machine, at least one worker', async () => {
    const pool = new TokenWorkerPool({ workerPath: await workerFromSource() })
    expect(pool.size).toBeGreaterThanOrEqual(1)
    expect(new TokenWorkerPool({ workerPath: 'x.js', size: 0 }).size).toBe(1)
    await pool.close()
  })
})
