import { describe, expect, it } from 'vitest'
import { MessageRole, MemoryBackendType, SessionStatus } from './enums'
import { ValidationError } from './errors'
import { SessionMetadata } from './sessionMetadata'
import { sessionMetadataDict } from './testing/testMessages'
import { UtcDateTime } from './utcDateTime'

describe('enums', () => {
  it('use the seed string values', () => {
    expect(Object.values(MessageRole)).toEqual(['user', 'assistant', 'system', 'function', 'tool'])
    expect(Object.values(SessionStatus)).toEqual(['active', 'paused', 'completed', 'archived', 'expired'])
    expect(Object.values(MemoryBackendType)).toEqual([
      'in_memory',
      'sqlite',
      'redis',
      'postgres',
      'mongodb',
      'chromadb',
      'qdrant',
      'bigquery',
      'elasticsearch',
      'memory_pro',
    ])
  })
})

describe('SessionMetadata', () => {
  it('has the spec §3.3 defaults', () => {
    const meta = new SessionMetadata({ session_id: 's1' })
    expect(meta.toDict()).toMatchObject({
      session_id: 's1',
      user_id: null,
      agent_id: null,
      workflow_id: null,
      max_messages: 100,
      max_tokens: null,
      auto_summarize: true,
      summary_threshold: 50,
      status: 'active',
      expires_at: null,
      tags: [],
      properties: {},
    })
    expect(meta.created_at.equals(meta.updated_at)).toBe(true)
  })

  it('round-trips a dict with Python datetimes, in the seed field order', () => {
    const dict = sessionMetadataDict({
      session_id: 'sess-1',
      user_id: 'u1',
      agent_id: 'agent',
      max_messages: 20,
      max_tokens: 4000,
      auto_summarize: false,
      summary_threshold: 10,
      status: 'paused',
      created_at: '2026-11-22T03:21:42.629026+00:00',
      updated_at: '2026-11-22T03:21:43+00:00',
      expires_at: '2026-11-23T03:21:42.629026+00:00',
      tags: ['import'],
      properties: { source: { file: 'a.json' } },
    })
    expect(JSON.stringify(SessionMetadata.fromDict(dict).toDict())).toBe(JSON.stringify(dict))
  })

  it('is expired only strictly after expires_at, never without it', () => {
    const meta = new SessionMetadata({ session_id: 's', expires_at: '2026-01-01T00:00:00+00:00' })
    expect(meta.isExpired(UtcDateTime.parse('2026-01-01T00:00:00+00:00'))).toBe(false)
    expect(meta.isExpired(UtcDateTime.parse('2026-01-01T00:00:00.000001+00:00'))).toBe(true)
    expect(meta.isExpired(UtcDateTime.parse('2025-12-31T23:59:59+00:00'))).toBe(false)
    expect(new SessionMetadata({ session_id: 't' }).isExpired()).toBe(false)
    // A naive expiry is UTC here; the Python raises TypeError comparing it.
    expect(new SessionMetadata({ session_id: 'n', expires_at: '2000-01-01T00:00:00' }).isExpired()).toBe(true)
  })

  it('updateTimestamp moves updated_at forward', () => {
    const meta = new SessionMetadata({ session_id: 's', updated_at: '2020-01-01T00:00:00+00:00' })
    meta.updateTimestamp()
    expect(meta.updated_at.isAfter(UtcDateTime.parse('2020-01-01T00:00:00+00:00'))).toBe(true)
  })

  it('validates patches whole before applying any field', () => {
    const meta = new SessionMetadata({ session_id: 's' })
    expect(() => meta.applyPatch({ user_id: 'u2', max_messages: 0 })).toThrow(ValidationError)
    expect(meta.user_id).toBeNull()
    expect(() => meta.applyPatch({ status: 'inactive' as SessionStatus })).toThrow(ValidationError)
    expect(() => meta.applyPatch({ nickname: 'x' } as never)).toThrow(/nickname/)
    expect(() => meta.applyPatch({ session_id: 'other' } as never)).toThrow(/session_id/)
    meta.applyPatch({
      user_id: 'u2',
      tags: ['a'],
      expires_at: '2030-01-01T00:00:00Z',
      properties: { k: [1, 2] },
    })
    expect(meta.toDict()).toMatchObject({
      user_id: 'u2',
      tags: ['a'],
      expires_at: '2030-01-01T00:00:00+00:00',
      properties: { k: [1, 2] },
    })
  })

  it('rejects unknown constructor fields (the Python raises TypeError)', () => {
    expect(() => new SessionMetadata({ session_id: 's', colour: 'red' } as never)).toThrow(/colour/)
    expect(() => new SessionMetadata({ session_id: '' })).toThrow(ValidationError)
  })

  it('clone() is independent', () => {
    const meta = new SessionMetadata({ session_id: 's', tags: ['a'], properties: { n: 1 } })
    const copy = meta.clone()
    copy.tags.push('b')
    ;(copy.properties as { n: number }).n = 2
    expect(meta.tags).toEqual(['a'])
    expect(meta.properties).toEqual({ n: 1 })
  })
})
