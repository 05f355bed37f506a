import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Door } from '../../shared/contract'
import { OpenPolicy } from '../engine/conversations/files/openPolicy'
import { createServices } from '../createServices'
import { EventBus } from './events'
import type { AppContext } from '../appContext'
import type { Services } from './services'

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
