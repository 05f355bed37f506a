import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EventBus } from '../api/events'
import { createHandlers } from '../api/handlers'
import { createTestServices } from '../api/testing/testServices'
import { OpenPolicy } from '../engine/conversations/files/openPolicy'
import { startHttpTransport, type RunningHttpServer } from './http'

/** Edge cases of request parsing in web mode, sent over a raw socket so nothing normalises them first. */

const TOKEN = 'edge-token-0123456789'
let server: RunningHttpServer
let root: string
let outside: string

interface RawReply {
  status: number
  body: string
}

/** Sends `head` (request line and headers, CRLF-separated, without the blank line) and a body. */
function sendRaw(head: string[], body = ''): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1')
    let text = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (text += chunk))
    socket.on('error', reject)
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0)
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) })
    })
    const lines = [...head, `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close', '', body]
    socket.write(lines.join('\r\n'))
  })
}

const host = () => `Host: 127.0.0.1:${server.port}`
const auth = `Authorization: Bearer ${TOKEN}`

/** What `document.open` says about one path it could not open (failures carry a message, no code). */
async function openFailure(path: string): Promise<string> {
  const reply = await sendRaw(
    ['POST /api/document.open HTTP/1.1', host(), auth, 'Content-Type: application/json'],
    JSON.stringify({ paths: [path] }),
  )
  const result = JSON.parse(reply.body) as {
    ok: boolean
    data: { documents: unknown[]; failures: { path: string; message: string }[] }
  }
  expect(result.ok).toBe(true)
  expect(result.data.documents).toEqual([])
  return result.data.failures[0].message
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'mi-http-edge-'))
  const allowed = join(root, 'allowed')
  outside = join(root, 'outside')
  mkdirSync(allowed)
  mkdirSync(outside)
  writeFileSync(join(outside, 'exists.json'), '{}')
  symlinkSync(outside, join(allowed, 'link-out'))
  const bus = new EventBus()
  const policy = await OpenPolicy.forWebMode([allowed])
  const handlers = createHandlers(createTestServices({ dataDir: root }, bus, policy))
  server = await startHttpTransport({ handlers, bus, token: TOKEN, staticDir: join(root, 'renderer') })
})

afterAll(async () => {
  await server.close()
  rmSync(root, { recursive: true, force: true })
})

describe('web mode request edge cases', () => {
  it('answers 400 with a clear message to a channel name that is not valid percent-encoding', async () => {
    const reply = await sendRaw(['POST /api/%E0%A4%A HTTP/1.1', host(), auth], '{}')
    expect(reply.status).toBe(400)
    expect(JSON.parse(reply.body)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('percent-encoding') },
    })
    expect((await sendRaw(['POST /api/app.info HTTP/1.1', host(), auth], '{}')).status).toBe(200)
  })

  it('refuses a request with two Host headers, even when both are ours', async () => {
    const reply = await sendRaw(['POST /api/app.info HTTP/1.1', host(), host(), auth], '{}')
    expect(reply.status).toBe(400)
    expect(reply.body).toMatch(/Host header/)
  })

  it('answers FORBIDDEN alike for existing and missing paths outside the allowed folders', async () => {
    const paths = [
      join(outside, 'exists.json'),
      join(outside, 'missing.json'),
      join(root, 'no-such-folder', 'x.json'),
      '/etc/shadow',
      join(root, 'allowed', '..', 'outside', 'missing.json'),
      join(root, 'allowed', 'link-out', 'exists.json'),
      join(root, 'allowed', 'link-out', 'missing.json'),
    ]
    for (const path of paths) {
      const message = await openFailure(path)
      expect({ path, message }).toEqual({ path, message: expect.stringContaining('outside the folders') })
    }
    expect(await openFailure(join(root, 'allowed', 'missing.json'))).toContain('no such file')
  })
})
