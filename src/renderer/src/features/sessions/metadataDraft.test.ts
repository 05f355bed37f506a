import { describe, expect, it } from 'vitest'
import type { SessionMetadataDict } from '../../../../shared/model/langswarm/sessionMetadata'
import { sessionMetadataDict } from '../../../../shared/model/langswarm/testing/testMessages'
import { draftOf, patchOf, toLocalInput } from './metadataDraft'

const metadata: SessionMetadataDict = sessionMetadataDict({
  user_id: 'alice',
  expires_at: '2026-03-04T05:06:07.123456+00:00',
  tags: ['a', 'b'],
})

describe('metadata draft', () => {
  it('sends nothing when nothing changed, even an expiry with seconds the input cannot show', () => {
    expect(patchOf(metadata, draftOf(metadata))).toEqual({})
  })

  it('sends only the changed fields, blanks as null and tags as a clean list', () => {
    const draft = {
      ...draftOf(metadata),
      user_id: '  ',
      agent_id: ' bot ',
      status: 'paused' as const,
      tags: 'b, c,, c ',
      max_messages: '250',
      auto_summarize: false,
    }
    expect(patchOf(metadata, draft)).toEqual({
      user_id: null,
      agent_id: 'bot',
      status: 'paused',
      tags: ['b', 'c'],
      max_messages: 250,
      auto_summarize: false,
    })
  })

  it('turns the local expiry back into an instant, or clears it', () => {
    const later = { ...draftOf(metadata), expires_at: '2027-01-02T03:04' }
    const patch = patchOf(metadata, later)
    expect(toLocalInput(patch.expires_at as string)).toBe('2027-01-02T03:04')
    expect(patchOf(metadata, { ...draftOf(metadata), expires_at: '' })).toEqual({ expires_at: null })
  })

  it('refuses numbers that are not whole and positive, saying which field', () => {
    expect(() => patchOf(metadata, { ...draftOf(metadata), max_messages: '0' })).toThrow(/Max messages/)
    expect(() => patchOf(metadata, { ...draftOf(metadata), summary_threshold: '2.5' })).toThrow(
      /Summary threshold/,
    )
    expect(() => patchOf(metadata, { ...draftOf(metadata), max_messages: '' })).toThrow(/Max messages/)
  })
})
