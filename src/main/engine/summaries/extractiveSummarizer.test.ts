import { readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compactionInput } from '../compaction/compactedFile'
import type { WireMessage } from '../compaction/types'
import { MarsysFile } from '../marsys/codec'
import { MARSYS_FIXTURES, fixturePath } from '../testing/fixtures'
import { extractiveCompactionModel, extractiveSummarizer } from './extractiveSummarizer'

const fixtureMessages = (name: string): WireMessage[] =>
  compactionInput(MarsysFile.open(readFileSync(fixturePath(name)))).messages

const summarize = async (messages: WireMessage[]) => (await extractiveSummarizer.summarize(messages))!

const call = (id: string, name: string, args: unknown) => ({
  id,
  type: 'function',
  function: { name, arguments: JSON.stringify(args) },
})

describe('the extractive summary', () => {
  it('says what was asked and what the answer was (01)', async () => {
    const { summary, key_topics } = await summarize(fixtureMessages('01_plain_conversation.json'))
    expect(summary).toBe(
      [
        'Asked: "What is the capital of France?"; then 1 follow-up: "And its population?"',
        'Concluded: "About 2.1 million people live in the city proper."',
        '(4 messages: 2 user, 2 assistant)',
      ].join('\n'),
    )
    expect(key_topics.slice(0, 3)).toEqual(['France', 'capital', 'Paris'])
  })

  it('names the tools called, how often, and what they returned (03)', async () => {
    const { summary, key_topics } = await summarize(fixtureMessages('03_tool_calls.json'))
    expect(summary).toContain('Asked: "Weather in Paris and Berlin, then convert 20 C to F."')
    expect(summary).toContain('Did: called get_weather 2×, c_to_f once, screenshot once.')
    expect(summary).toContain('c_to_f returned "68"')
    // The user message MARSYS adds for a tool's extra content is a result, not a request.
    expect(summary).toContain('screenshot returned "Screenshot captured (image omitted in this sample)."')
    expect(summary).not.toContain('follow-up')
    expect(summary).toContain('Concluded: "Paris 18 C cloudy, Berlin 15 C rain; 20 C = 68 F."')
    expect(key_topics).toEqual(expect.arrayContaining(['Paris', 'Berlin']))
  })

  it('reads an already compacted memory: earlier context, key facts, open threads (09)', async () => {
    const { summary, key_topics } = await summarize(fixtureMessages('09_managed_compacted.json'))
    expect(summary.split('\n')).toEqual([
      'Earlier (compacted by MARSYS): "Agent fetched 8 pages, extracted energy densities for Li-ion, LFP, Na-ion and solid-state cells."',
      'Asked: "User asked for a literature review on battery chemistry and a table of energy densities."',
      'Concluded: "Will do."',
      'Key facts: Li-ion ~250 Wh/kg; LFP ~160 Wh/kg; Na-ion ~140 Wh/kg',
      'Open: Verify solid-state figures',
      '(3 messages: 1 user, 2 assistant)',
    ])
    expect(key_topics).toEqual(expect.arrayContaining(['energy densities', 'Li-ion', 'battery chemistry']))
    expect(key_topics.join(' ')).not.toMatch(/Summary|Compacted/)
  })

  it('tells hand-offs, decisions, errors and open questions', async () => {
    const { summary } = await summarize([
      { role: 'user', content: 'Find three sources on solar panel recycling.' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          call('h1', 'invoke_agent', {
            invocations: [{ agent_name: 'Researcher', request: 'Search for solar panel recycling studies' }],
          }),
        ],
      },
      { role: 'tool', content: 'Researcher: found 2 studies', tool_call_id: 'h1', name: 'invoke_agent' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [call('f1', 'fetch_url', { url: 'https://x.example/a' })],
      },
      { role: 'tool', content: 'Error: 404 Not Found', tool_call_id: 'f1', name: 'fetch_url' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [call('f2', 'fetch_url', { url: 'https://x.example/b' })],
      },
      { role: 'assistant', content: 'I decided to use the cached copy. Should I include 2019 studies?' },
      { role: 'user', content: 'What about costs?' },
    ])
    expect(summary).toContain('handed off to Researcher ("Search for solar panel recycling studies")')
    expect(summary).toContain('Did: called fetch_url 2×.')
    expect(summary).toContain('Decided: I decided to use the cached copy.')
    expect(summary).toContain(
      'Open: no result yet from fetch_url; unanswered: What about costs?; Should I include 2019 studies?',
    )
    expect(summary).toContain('Errors: fetch_url: Error: 404 Not Found')
  })

  it('lists the facts of a kg memory', async () => {
    const { summary, key_topics } = await summarize(fixtureMessages('10_kg_facts.json'))
    expect(summary).toBe(
      'Facts: Paris is the capital of France; Berlin is the capital of Germany; Eiffel Tower height_m 330; ' +
        'Zürich is in Schweiz 🇨🇭\n(5 facts in a kg memory)',
    )
    expect(key_topics).toEqual(expect.arrayContaining(['Paris', 'France']))
  })

  it('says when there is nothing', async () => {
    expect((await summarize(fixtureMessages('11_empty_conversation.json'))).summary).toBe('(no messages)')
  })

  it('is deterministic', async () => {
    const messages = fixtureMessages('03_tool_calls.json')
    expect(await summarize(messages)).toEqual(await summarize(messages))
  })

  it.each(readdirSync(MARSYS_FIXTURES).filter((f) => f.endsWith('.json') && !f.startsWith('12_')))(
    'gives clean topics for %s',
    async (name) => {
      const { summary, key_topics } = await summarize(fixtureMessages(name))
      expect(summary).toMatch(/\((\d+ messages|\d+ facts in a kg memory|no messages)\)?/)
      for (const topic of key_topics) {
        expect(topic).toMatch(/^[\p{L}\p{N}][\p{L}\p{N}' .-]*[\p{L}\p{N}]$/u)
        expect(topic.toLowerCase()).not.toMatch(/^(user|assistant|system|tool|the|a|and|it|this)$/)
      }
    },
  )
})

describe('the extractive compaction reply', () => {
  it("fills MARSYS's JSON fields from the prefix", async () => {
    const prefix = fixtureMessages('03_tool_calls.json').slice(0, -1)
    const reply = JSON.parse(
      await extractiveCompactionModel.complete({
        payload: [],
        prefix,
        maxTokens: 6000,
        temperature: 0.1,
        jsonMode: true,
        responseSchema: {},
      }),
    ) as Record<string, unknown>
    expect(Object.keys(reply)).toEqual([
      'user_request_summary',
      'summary',
      'salient_facts',
      'open_threads',
      'keep_images',
    ])
    expect(reply.user_request_summary).toBe('"Weather in Paris and Berlin, then convert 20 C to F."')
    expect(reply.summary).toMatch(/^Did: called get_weather 2×/)
    expect(reply.salient_facts).toContain('c_to_f returned "68"')
    expect(reply.keep_images).toEqual([])
  })
})
