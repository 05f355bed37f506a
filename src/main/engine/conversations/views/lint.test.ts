import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { countLintIssues } from '../../../../shared/model/document'
import { withConversationStore } from '../../testing/conversationStoreForTests'
import { MARSYS_FIXTURES, fixturePath } from '../../testing/fixtures'
import { planToolResultLinks, type PairingInfo } from '../index/toolResultLinks'
import { lintConversation } from './conversationViews'

const env = withConversationStore('mi-lint-')

type Message = Record<string, unknown>
const readMessages = (name: string): Message[] =>
  (JSON.parse(readFileSync(fixturePath(name), 'utf8')) as { messages: Message[] }).messages

async function openWritten(name: string, value: unknown) {
  const path = join(env.dir, name)
  writeFileSync(path, JSON.stringify(value, null, 2))
  const { documents } = await env.store.open([path])
  return env.store.get(documents[0].id)
}

async function openFixture(name: string) {
  const { documents, failures } = await env.store.open([fixturePath(name)])
  expect(failures).toEqual([])
  return env.store.get(documents[0].id)
}

describe('the Lint button counts what the panel lists', () => {
  const fixtures = [
    ...readdirSync(MARSYS_FIXTURES).filter((name) => name.endsWith('.json')),
    ...readdirSync(join(MARSYS_FIXTURES, 'load_inputs_handmade')).map(
      (name) => `load_inputs_handmade/${name}`,
    ),
  ]

  it.each(fixtures)('%s', async (name) => {
    const conversation = await openFixture(name)
    env.store.ensureIndexed(conversation)
    // Counted first (without building the list), then listed: two paths that must agree.
    const counted = conversation.summary().lint
    expect(counted).toEqual(countLintIssues(lintConversation(conversation)))
  })

  it('counts a duplicated system prompt (the button used to show nothing for it)', async () => {
    const original = readMessages('02_system_prompt.json')
    const conversation = await openWritten('doubled.json', {
      memory_type: 'conversation_history',
      messages: [original[0], ...original],
    })
    expect(conversation.summary().lint).toEqual({ error: 0, warning: 1, info: 0 })
    const issues = lintConversation(conversation)
    expect(issues.map((issue) => issue.kind)).toEqual(['duplicate-system'])
  })

  it('counts info findings apart from warnings (07: empty messages, same-role turns)', async () => {
    const conversation = await openFixture('07_dict_and_list_content.json')
    const lint = conversation.summary().lint
    expect(lint.info).toBeGreaterThan(0)
    expect(lint).toEqual(countLintIssues(lintConversation(conversation)))
  })

  it('follows edits: the count after an edit is the panel after it', async () => {
    const conversation = await openFixture('02_system_prompt.json')
    expect(conversation.summary().lint).toEqual({ error: 0, warning: 0, info: 0 })
    conversation.edit(conversation.revision, [{ op: 'duplicate', indices: [0] }])
    expect(conversation.summary().lint).toEqual({ error: 0, warning: 1, info: 0 })
    expect(conversation.summary().lint).toEqual(countLintIssues(lintConversation(conversation)))
  })
})

describe('linking tool results that lost their tool_call_id', () => {
  const tool = (toolCallId: string | null): PairingInfo => ({ role: 'tool', callIds: [], toolCallId })
  const calls = (...callIds: string[]): PairingInfo => ({ role: 'assistant', callIds, toolCallId: null })

  it('pairs results without an id with the unanswered calls before them, in order', () => {
    const infos = [calls('a', 'b'), tool(null), tool(null), calls('c'), tool(null), tool(null)]
    expect(planToolResultLinks(infos.length, (i) => infos[i])).toEqual([
      { resultIndex: 1, callIndex: 0, callId: 'a' },
      { resultIndex: 2, callIndex: 0, callId: 'b' },
      { resultIndex: 4, callIndex: 3, callId: 'c' },
    ])
  })

  it('skips calls a result answers by id, even a later one, and never relinks a result that has an id', () => {
    const infos = [calls('a', 'b'), tool(null), tool('a'), tool('zzz')]
    expect(planToolResultLinks(infos.length, (i) => infos[i])).toEqual([
      { resultIndex: 1, callIndex: 0, callId: 'b' },
    ])
  })

  it('restores the ids MARSYS dropped when it resaved 03 (16), as one undoable edit', async () => {
    const conversation = await openFixture('16_resaved_03_after_load.json')
    const before = conversation.summary().lint
    const issues = lintConversation(conversation)
    const orphan = issues.find((issue) => issue.kind === 'orphan-tool-result')!
    expect(orphan.links).toEqual([
      { resultIndex: orphan.messageIndex, callIndex: 2, callId: 'call_wx_paris' },
    ])
    const unanswered = issues.find((issue) => issue.kind === 'unanswered-tool-call')!
    expect(unanswered.links?.map((link) => link.callId)).toEqual(['call_wx_paris', 'call_wx_berlin'])

    conversation.edit(conversation.revision, [{ op: 'linkToolResults' }])
    const after = lintConversation(conversation)
    expect(after.filter((i) => i.kind === 'orphan-tool-result' || i.kind === 'unanswered-tool-call')).toEqual(
      [],
    )
    const ids = (messages: Message[]) => messages.map((message) => message.tool_call_id ?? null)
    const current = Array.from(
      { length: conversation.items.length },
      (_, i) => conversation.plainAt(i) as Message,
    )
    expect(ids(current)).toEqual(ids(readMessages('03_tool_calls.json')))
    // tool_call_id sits where MARSYS writes it: after content, before name.
    expect(Object.keys(current[3])).toEqual(Object.keys(readMessages('03_tool_calls.json')[3]))
    expect(conversation.history.undoLabel).toBe('Link tool results to their calls')

    conversation.undo()
    expect(conversation.summary().lint).toEqual(before)
  })

  it('links one finding alone, and refuses a message that is not such a result', async () => {
    const conversation = await openFixture('16_resaved_03_after_load.json')
    conversation.edit(conversation.revision, [{ op: 'linkToolResults', indices: [4] }])
    expect((conversation.plainAt(4) as Message).tool_call_id).toBe('call_wx_berlin')
    expect((conversation.plainAt(3) as Message).tool_call_id).toBeUndefined()
    expect(() => conversation.edit(conversation.revision, [{ op: 'linkToolResults', indices: [1] }])).toThrow(
      /Message 1 is not a tool result without tool_call_id/,
    )
  })

  it('restores the pairing of a big real file written without its tool_call_ids (12)', async () => {
    const original = JSON.parse(readFileSync(fixturePath('12_large_20000.json'), 'utf8')) as {
      messages: Message[]
    }
    const stripped = original.messages.map((message) => {
      if (message.role !== 'tool') return message
      const { tool_call_id: _dropped, ...rest } = message
      return rest
    })
    const conversation = await openWritten('stripped.json', { ...original, messages: stripped })
    lintConversation(conversation)
    expect(conversation.summary().orphanToolResults).toBeGreaterThan(0)
    conversation.edit(conversation.revision, [{ op: 'linkToolResults' }])
    const summary = conversation.summary()
    expect(summary.orphanToolResults).toBe(0)
    expect(summary.unansweredToolCalls).toBe(0)
    for (let i = 0; i < original.messages.length; i++) {
      if (original.messages[i].role === 'tool')
        expect((conversation.plainAt(i) as Message).tool_call_id).toBe(original.messages[i].tool_call_id)
    }
  })
})
