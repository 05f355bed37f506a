import { describe, expect, it } from 'vitest'
import { editCommandSchema } from '../../../../shared/model/edit'
import { actionCommands, redactionCommands, runLabel } from './actionCommands'

const report = { redacted: [{ index: 1, json: '{"role": "user", "content": "[REDACTED:openai-key]"}' }] }

describe('suggested actions as edit commands', () => {
  it('redacts by replacing each message with secrets whole', () => {
    expect(redactionCommands(report)).toEqual([
      { op: 'setMessageJson', index: 1, json: report.redacted[0].json },
    ])
    expect(actionCommands({ type: 'redact', edits: [] }, report)).toEqual(redactionCommands(report))
  })

  it('removes tool calls of one message from the last position up', () => {
    const commands = actionCommands(
      {
        type: 'remove-tool-calls',
        calls: [
          { messageIndex: 2, callId: 'a', position: 0 },
          { messageIndex: 5, callId: 'c', position: 0 },
          { messageIndex: 2, callId: 'b', position: 1 },
        ],
      },
      report,
    )
    expect(commands).toEqual([
      { op: 'removeToolCall', index: 2, callIndex: 1 },
      { op: 'removeToolCall', index: 2, callIndex: 0 },
      { op: 'removeToolCall', index: 5, callIndex: 0 },
    ])
    for (const command of commands ?? []) expect(editCommandSchema.safeParse(command).success).toBe(true)
  })

  it('deletes messages in one command, and has no edit for previews and selections', () => {
    expect(actionCommands({ type: 'delete-messages', messageIndices: [3, 4] }, report)).toEqual([
      { op: 'delete', indices: [3, 4] },
    ])
    expect(actionCommands({ type: 'show-messages', messageIndices: [1] }, report)).toBeNull()
    expect(
      actionCommands({ type: 'compaction-preview', thresholdTokens: 10, totalTokens: 9 }, report),
    ).toBeNull()
    expect(runLabel({ type: 'delete-messages', messageIndices: [3, 4] })).toBe('Delete these 2')
  })
})
