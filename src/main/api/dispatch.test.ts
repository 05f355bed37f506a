import { describe, expect, it } from 'vitest'
import { CHANNELS } from '../../shared/channels'
import { contract } from '../../shared/contract'
import { AppError } from '../engine/appError'
import { dispatch, type Handlers } from './dispatch'
import { createHandlers } from './handlers'
import { createTestServices } from './testing/testServices'

const context = {
  name: 'Memory Inspector',
  version: '9.9.9',
  dataDir: '/tmp/data',
  door: 'web' as const,
  runtime: 'node 20',
  platform: 'linux-x64',
}
const services = () => createTestServices(context)

describe('handlers', () => {
  it('app.info reports version, platform, data dir and door', async () => {
    const result = await dispatch(createHandlers(services()), 'app.info', {})
    expect(result).toEqual({
      ok: true,
      data: {
        name: 'Memory Inspector',
        version: '9.9.9',
        platform: 'linux-x64',
        runtime: 'node 20',
        dataDir: '/tmp/data',
        door: 'web',
      },
    })
  })

  it('has a handler and schemas for every channel, and the preload list is the contract in order', () => {
    const handlers = createHandlers(services())
    expect(Object.keys(contract)).toEqual([...CHANNELS])
    for (const channel of CHANNELS) {
      expect(typeof handlers[channel]).toBe('function')
      expect(contract[channel].input).toBeDefined()
      expect(contract[channel].output).toBeDefined()
    }
  })
})

describe('dispatch', () => {
  const handlers = createHandlers(services())

  it('refuses unknown channels with NOT_FOUND', async () => {
    const result = await dispatch(handlers, 'fs.readEverything', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('validates input at the edge: unexpected keys are INVALID_INPUT', async () => {
    const result = await dispatch(handlers, 'app.info', { evil: true })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('treats a missing input as the empty object', async () => {
    expect((await dispatch(handlers, 'app.info', undefined)).ok).toBe(true)
  })

  it('maps thrown errors to codes and never throws itself', async () => {
    const throwing = (error: unknown): Handlers =>
      ({ ...createHandlers(services()), 'app.info': () => Promise.reject(error) }) as Handlers
    const parse = new AppError('PARSE_ERROR', 'bad json', { file: 'a.json', line: 3, column: 7 })
    expect(await dispatch(throwing(parse), 'app.info', {})).toEqual({
      ok: false,
      error: { code: 'PARSE_ERROR', message: 'bad json', details: { file: 'a.json', line: 3, column: 7 } },
    })
    const missing = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT', path: '/x.json' })
    expect(await dispatch(throwing(missing), 'app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', details: { file: '/x.json' } },
    })
    const coded = Object.assign(new Error('store in use by pid 42'), { code: 'LOCKED' })
    expect(await dispatch(throwing(coded), 'app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    })
    expect(await dispatch(throwing('a string'), 'app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: 'a string' },
    })
  })
})
