import { describe, expect, it } from 'vitest'
import { createNoticesStore, MAX_KEPT_NOTICES } from './noticesStore'

describe('notices', () => {
  it('keeps errors when many notices come: the oldest information goes first', () => {
    const notices = createNoticesStore()
    notices.getState().push({ level: 'error', message: 'first error' })
    for (let i = 0; i < MAX_KEPT_NOTICES + 5; i++)
      notices.getState().push({ level: 'info', message: `info ${i}` })
    const kept = notices.getState().notices
    expect(kept).toHaveLength(MAX_KEPT_NOTICES)
    expect(kept[0].message).toBe('first error')
    expect(kept[kept.length - 1].message).toBe(`info ${MAX_KEPT_NOTICES + 4}`)
  })

  it('drops a document’s disk notices once resolved, and nothing else', () => {
    const notices = createNoticesStore()
    notices
      .getState()
      .push({ level: 'warning', message: 'a changed on disk', documentId: 'a', topic: 'disk' })
    notices
      .getState()
      .push({ level: 'warning', message: 'b changed on disk', documentId: 'b', topic: 'disk' })
    notices.getState().push({ level: 'warning', message: 'select again', documentId: 'a' })
    notices.getState().dismissTopic('a', 'disk')
    expect(notices.getState().notices.map((notice) => notice.message)).toEqual([
      'b changed on disk',
      'select again',
    ])
  })
})
