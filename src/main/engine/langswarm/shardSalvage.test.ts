import { describe, expect, it } from 'vitest'
import { SessionMetadata } from '../../../shared/model/langswarm'
import { readShard, shardCodec, type ShardRecord } from './storeCodecs'

const record = (id: string, messageCount = 1): ShardRecord => ({
  file: `${id.replace(/[^a-z]/g, '_')}.json`,
  entry: {
    metadata: new SessionMetadata({ session_id: id, tags: ['{"not": a brace}', '\\"'] }),
    stats: { messageCount, tokenTotal: 3, tokenEstimator: 'words' },
  },
})

const shardText = (...records: ShardRecord[]) =>
  shardCodec.serialize({ sessions: new Map(records.map((item) => [item.entry.metadata.session_id, item])) })

describe('reading a damaged index shard', () => {
  it('keeps every whole record before the cut, whatever quotes and braces their strings hold', () => {
    const records = [record('a "quoted" {id}'), record('b\\}'), record('c')]
    const text = shardText(...records)
    const entries = records.map((item) => ({
      id: item.entry.metadata.session_id,
      json: shardText(item).slice(13, -2),
    }))
    for (let cut = 0; cut < text.length; cut += 1) {
      const reading = readShard(text.slice(0, cut))
      expect(reading.problems.length).toBeGreaterThan(0)
      const whole = entries.filter(({ json }) => text.slice(0, cut).includes(json)).map(({ id }) => id)
      expect([...reading.sessions.keys()]).toEqual(whole)
    }
    expect(readShard(text)).toMatchObject({ problems: [] })
  })

  it('keeps the valid records of a well-formed shard holding an invalid one, naming the bad one', () => {
    const value = JSON.parse(shardText(record('a'), record('b'), record('c')))
    value.sessions.b.message_count = -1
    const reading = readShard(JSON.stringify(value))
    expect([...reading.sessions.keys()]).toEqual(['a', 'c'])
    expect(reading.problems).toEqual([expect.stringContaining('$.sessions["b"].message_count')])
    expect(() => shardCodec.parse(JSON.stringify(value))).toThrow('$.sessions["b"].message_count')
  })
})
