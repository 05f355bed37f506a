import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contract, type Channel, type InputOf } from '../../shared/contract'
import type { DocumentSummary } from '../../shared/model/document'
import { decodeWire } from '../../shared/wire'
import { EventBus } from '../api/events'
import { createHandlers } from '../api/handlers'
import { createTestServices } from '../api/testing/testServices'
import { fixturePath } from '../engine/testing/fixtures'
import { startHttpTransport, type RunningHttpServer } from './http'
import { registerIpcTransport, type IpcMainLike } from './ipc'

const TOKEN = 'parity-token-0123456789'
const OWN = 'file:///app/out/renderer/index.html'
const FIXTURES = [
  '15_nan_in_additional_state.json',
  '03_tool_calls.json',
  '07_dict_and_list_content.json',
  '10_kg_facts.json',
  '13_agent_state_with_planning.json',
]

type Listener = Parameters<IpcMainLike['handle']>[1]
const ipcListeners = new Map<string, Listener>()
let server: RunningHttpServer
let dispose: () => void

/** The desktop door: the registered ipcMain handler, and Electron's structured clone of its answer. */
async function viaIpc<C extends Channel>(channel: C, input: InputOf<C>): Promise<unknown> {
  return structuredClone(await ipcListeners.get(channel)!({ senderFrame: { url: OWN } }, input))
}

/** The web door: a real POST to the server on 127.0.0.1, and the JSON text it answers. */
function viaHttp<C extends Channel>(channel: C, input: InputOf<C>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(input)
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        path: `/api/${channel}`,
        method: 'POST',
        headers: {
          Host: `127.0.0.1:${server.port}`,
          Authorization: `Bearer ${TOKEN}`,
          'Content-Type': 'application/json',
        },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve(JSON.parse(text)))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** Calls both doors and requires the same answer, key order included; returns it decoded as the renderer would. */
async function both<C extends Channel>(channel: C, input: InputOf<C>): Promise<unknown> {
  const ipc = await viaIpc(channel, input)
  const http = await viaHttp(channel, input)
  expect(JSON.stringify(http), channel).toBe(JSON.stringify(ipc))
  expect(ipc).toMatchObject({ ok: true })
  const data = decodeWire((ipc as { data: unknown }).data)
  // The real handlers' replies match the contract's output schemas too.
  expect(contract[channel].output.safeParse(data).error, channel).toBeUndefined()
  return data
}

beforeAll(async () => {
  const bus = new EventBus()
  const handlers = createHandlers(createTestServices({}, bus))
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void ipcListeners.set(channel, listener),
    removeHandler: (channel) => void ipcListeners.delete(channel),
  }
  dispose = registerIpcTransport({
    ipcMain,
    handlers,
    bus,
    isTrustedSender: (url) => url === OWN,
    targets: () => [],
  })
  server = await startHttpTransport({ handlers, bus, token: TOKEN, staticDir: '/nonexistent' })
})

afterAll(async () => {
  dispose()
  await server.close()
})

describe('both doors deliver the same data', () => {
  it('answers every read of real files identically over IPC and HTTP', async () => {
    const opened = (await viaIpc('document.open', { paths: FIXTURES.map(fixturePath) })) as {
      data: { documents: DocumentSummary[] }
    }
    const ids = opened.data.documents.map((document) => document.id)
    expect(ids).toHaveLength(FIXTURES.length)
    for (const id of ids) {
      // Lint first: it waits for the background indexing, so both doors then see the same finished summary.
      await both('document.lint', { id })
      const summary = (await both('document.summary', { id })) as DocumentSummary
      await both('document.rows', { id, offset: 0, limit: 100 })
      for (let index = 0; index < summary.messageCount; index++) await both('document.message', { id, index })
      await both('document.additionalState', { id })
      await both('document.facts', { id })
      await both('document.state', { id })
    }
    await both('document.list', {})
    await both('document.search', { text: 'a', limit: 50 })
  })

  it('keeps NaN, Infinity and the file key order of additional_state through both doors', async () => {
    const list = (await both('document.list', {})) as DocumentSummary[]
    const id = list.find((document) => document.name === FIXTURES[0])!.id
    const view = (await both('document.additionalState', { id })) as { value: Record<string, unknown> }
    expect(Object.keys(view.value)).toEqual(['score', 'inf', '7', 'none'])
    expect(view.value.score).toBeNaN()
    expect(view.value.inf).toBe(Infinity)
    expect(view.value['7']).toBe('int key becomes string')
  })
})
