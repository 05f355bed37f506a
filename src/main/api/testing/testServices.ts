import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Door } from '../../../shared/contract'
import { OpenPolicy } from '../../engine/conversations/files/openPolicy'
import { createServices } from '../../createServices'
import { dispatch, type Handlers } from '../dispatch'
import { EventBus } from '../events'
import type { AppContext } from '../../appContext'
import type { Services } from '../services'

/** Real services over a temp data dir, for tests of the handlers and transports. */
export function createTestServices(
  overrides: Partial<AppContext> & { door?: Door } = {},
  bus = new EventBus(),
  policy = OpenPolicy.unrestricted(),
): Services {
  const context: AppContext = {
    name: 'Memory Inspector',
    version: '1.0.0',
    dataDir: mkdtempSync(join(tmpdir(), 'mi-test-')),
    door: 'web',
    runtime: 'node',
    platform: 'linux-x64',
    ...overrides,
  }
  return createServices({ context, bus, policy })
}

/** Calls channels through `dispatch`, as a door does; an error answer throws `<channel>: <CODE> <message>`. */
export function channelCaller(handlers: Handlers) {
  return async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await dispatch(handlers, channel, input)
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
    return result.data as T
  }
}
