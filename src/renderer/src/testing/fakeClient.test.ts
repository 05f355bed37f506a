import { describe, expect, it } from 'vitest'
import { createFakeClient } from './fakeClient'

describe('fake client', () => {
  it('answers calls whose input and output match the contract', async () => {
    const client = createFakeClient({ 'document.close': () => ({ closed: true }) })
    await expect(client.call('document.close', { id: 'd1', discard: true })).resolves.toEqual({
      closed: true,
    })
  })

  it('fails a test that answers with a shape main would never send', async () => {
    const client = createFakeClient({ 'document.close': () => ({}) as never })
    await expect(client.call('document.close', { id: 'd1' })).rejects.toThrow(
      /output of document\.close does not match the contract[\s\S]*closed/,
    )
  })

  it('fails a test that sends an input main would refuse', async () => {
    const client = createFakeClient({ 'document.close': () => ({ closed: true }) })
    await expect(client.call('document.close', { id: 'd1', discardAll: true } as never)).rejects.toThrow(
      /input of document\.close/,
    )
    await expect(client.call('document.rows', { id: 'd1', offset: 0, limit: 5_001 })).rejects.toThrow(
      /input of document\.rows/,
    )
  })

  it('checks event payloads as well', () => {
    const client = createFakeClient()
    expect(() => client.emit('document.changed', { id: 'd1' } as never)).toThrow(/document\.changed/)
  })
})
