import { describe, expect, it } from 'vitest'
import { TimeSlice } from './timeSlice'

describe('TimeSlice', () => {
  it('lets waiting callbacks run once its slice is used up', async () => {
    let ran = false
    setImmediate(() => (ran = true))
    await new TimeSlice(0).pause()
    expect(ran).toBe(true)
  })

  it('keeps going without yielding while the slice lasts', async () => {
    let ran = false
    const immediate = setImmediate(() => (ran = true))
    await new TimeSlice(60_000).pause()
    expect(ran).toBe(false)
    clearImmediate(immediate)
  })
})
