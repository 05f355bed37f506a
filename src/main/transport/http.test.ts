import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EventBus } from '../api/events'
import { createHandlers } from '../api/handlers'
import { createTestServices } from '../api/testing/testServices'
import { startHttpTransport, type RunningHttpServer } from './http'
import { resolveStaticPath } from './staticFiles'

const TOKEN = 'test-token-0123456789'
let server: RunningHttpServer
let bus: EventBus
let root: string

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw request, so tests control the Host, Origin and path exactly (fetch would normalise them). */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: options.method ?? 'GET',
        headers: { Host: `127.0.0.1:${server.port}`, ...options.headers },
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })
}

const auth = { Authorization: `Bearer ${TOKEN}` }
const callInfo = (headers: Record<string, string> = {}) =>
  send('/api/app.info', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: '{}',
  })

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'mi-http-'))
  const staticDir = join(root, 'renderer')
  mkdirSync(join(staticDir, 'assets'), { recursive: true })
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>ok</title>')
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(root, 'secret.txt'), 'TOP SECRET')
  bus = new EventBus()
  const handlers = createHandlers(createTestServices({ dataDir: root }, bus))
  server = await startHttpTransport({ handlers, bus, token: TOKEN, staticDir })
})

afterAll(async () => {
  await server.close()
  rmSync(root, { recursive: true, force: true })
})

describe('web mode HTTP transport', () => {
  it('binds to 127.0.0.1 only and announces a URL with the token', () => {
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1' })
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`)
  })

  it('serves the contract with the token', async () => {
    const reply = await callInfo(auth)
    expect(reply.status).toBe(200)
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, data: { door: 'web', version: '1.0.0' } })
  })

  it('answers 401 without the token, or with a wrong one, for API, events and static files', async () => {
    expect((await callInfo()).status).toBe(401)
    expect((await callInfo({ Authorization: 'Bearer nope' })).status).toBe(401)
    expect((await callInfo({ Authorization: `Bearer ${TOKEN}x` })).status).toBe(401)
    expect((await send('/api/events')).status).toBe(401)
    expect((await send('/')).status).toBe(401)
    expect((await send('/assets/app.js')).status).toBe(401)
  })

  it('answers 403 to a foreign Host header (DNS rebinding), even with the token', async () => {
    for (const host of [
      'evil.example',
      `evil.example:${server.port}`,
      `127.0.0.1:${server.port + 1}`,
      '127.0.0.1',
    ]) {
      const reply = await callInfo({ ...auth, Host: host })
      expect(reply.status, host).toBe(403)
      expect(reply.body).not.toContain('"ok"')
    }
    expect((await callInfo({ ...auth, Host: `localhost:${server.port}` })).status).toBe(200)
  })

  it('answers 403 to a foreign Origin, and accepts our own', async () => {
    expect((await callInfo({ ...auth, Origin: 'https://evil.example' })).status).toBe(403)
    expect((await callInfo({ ...auth, Origin: 'null' })).status).toBe(403)
    expect((await callInfo({ ...auth, Origin: `http://localhost:${server.port + 1}` })).status).toBe(403)
    expect((await callInfo({ ...auth, Origin: `http://127.0.0.1:${server.port}` })).status).toBe(200)
  })

  it('never serves files outside the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..\\secret.txt',
      '/%00',
    ]) {
      const reply = await send(`${path}${path.includes('?') ? '&' : '?'}token=${TOKEN}`)
      expect(reply.status, path).not.toBe(200)
      expect(reply.body).not.toContain('TOP SECRET')
    }
    expect(resolveStaticPath('/srv/app', '/../etc/passwd')).toBeNull()
    expect(resolveStaticPath('/srv/app', '/..%2f..%2fetc/passwd')).toBeNull()
    expect(resolveStaticPath('/srv/app', '/a\\..\\..\\x')).toBeNull()
    expect(resolveStaticPath('/srv/app', '/')).toBe('/srv/app/index.html')
  })

  it('serves the renderer with the token in the query, sets a strict HttpOnly cookie, and sends the CSP', async () => {
    const reply = await send(`/?token=${TOKEN}`)
    expect(reply.status).toBe(200)
    expect(reply.body).toContain('<title>ok</title>')
    expect(String(reply.headers['set-cookie'])).toMatch(/mi_token=.*HttpOnly; SameSite=Strict/)
    expect(reply.headers['content-security-policy']).toContain("default-src 'self'")
    expect(reply.headers['referrer-policy']).toBe('no-referrer')
    const asset = await send('/assets/app.js', { headers: { Cookie: `mi_token=${TOKEN}` } })
    expect(asset.status).toBe(200)
    expect(asset.headers['content-type']).toContain('javascript')
  })

  it('answers unknown channels with 404, bad bodies with 400, and GET on a channel with 405', async () => {
    expect((await send('/api/fs.read', { method: 'POST', headers: auth, body: '{}' })).status).toBe(404)
    const bad = await send('/api/app.info', { method: 'POST', headers: auth, body: '{not json' })
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect((await send('/api/app.info', { headers: auth })).status).toBe(405)
  })

  it('pushes bus events to /api/events as server-sent events', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/events',
          headers: { Host: `127.0.0.1:${server.port}`, ...auth },
        },
        (res) => {
          expect(res.headers['content-type']).toContain('text/event-stream')
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            text += chunk
            if (text.includes(': connected')) bus.emit('app.notice', { level: 'info', message: 'hello' })
            if (text.includes('data: ')) {
              resolve(text)
              req.destroy()
            }
          })
        },
      )
      req.on('error', reject)
      req.end()
    })
    expect(received).toContain('event: app.notice\ndata: {"level":"info","message":"hello"}\n\n')
  })
})

describe('web mode HTTP transport, hostile requests', () => {
  it('survives a malformed cookie and a malformed request target', async () => {
    const cookie = await send('/', { headers: { Cookie: 'mi_token=%E0%A4%A' } })
    expect(cookie.status).toBe(401)
    const target = await send('//[', { headers: auth })
    expect(target.status).toBeGreaterThanOrEqual(400)
    expect((await callInfo(auth)).status).toBe(200)
  })

  it('does not let the cookie alone authorise a POST that carries no Origin (CSRF), but does for our page', async () => {
    const cookie = { Cookie: `mi_token=${TOKEN}` }
    expect((await callInfo(cookie)).status).toBe(401)
    expect((await callInfo({ ...cookie, Origin: `http://127.0.0.1:${server.port}` })).status).toBe(200)
    expect((await callInfo({ ...cookie, Origin: `http://127.0.0.1:${server.port + 1}` })).status).toBe(403)
    // Reading stays possible with the cookie: the page's assets and the event stream rely on it.
    expect((await send('/assets/app.js', { headers: cookie })).status).toBe(200)
  })

  it.runIf(process.platform === 'linux')('does not leak a file descriptor per HEAD request', async () => {
    const openFds = (): number => readdirSync('/proc/self/fd').length
    await send('/assets/app.js', { method: 'HEAD', headers: auth })
    const before = openFds()
    for (let i = 0; i < 30; i++) {
      const reply = await send('/assets/app.js', { method: 'HEAD', headers: auth })
      expect(reply.status).toBe(200)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(openFds() - before).toBeLessThan(10)
  })
})

describe('request body limit', () => {
  it('answers 413 with the limit when a body is too large, and keeps serving', async () => {
    const small = await startHttpTransport({
      handlers: createHandlers(createTestServices({ dataDir: root }, bus)),
      bus,
      token: TOKEN,
      staticDir: join(root, 'renderer'),
      maxBodyBytes: 100,
    })
    const post = (body: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: small.port,
            path: '/api/app.info',
            method: 'POST',
            headers: { Host: `127.0.0.1:${small.port}`, ...auth, 'Content-Type': 'application/json' },
          },
          (res) => {
            let text = ''
            res.setEncoding('utf8')
            res.on('data', (chunk: string) => (text += chunk))
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
          },
        )
        req.on('error', reject)
        req.end(body)
      })
    try {
      const tooBig = await post(JSON.stringify({ padding: 'x'.repeat(1_000) }))
      expect(tooBig.status).toBe(413)
      expect(JSON.parse(tooBig.body)).toMatchObject({
        ok: false,
        error: { message: 'Request body is larger than 100 bytes' },
      })
      expect((await post('{}')).status).toBe(200)
    } finally {
      await small.close()
    }
  })
})
