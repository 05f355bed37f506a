import { pipeline } from 'node:stream'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Result } from '../../shared/result'
import { encodeWire } from '../../shared/wire'
import { dispatch, type Handlers } from '../api/dispatch'
import type { EventBus } from '../api/events'
import { CONTENT_SECURITY_POLICY } from '../csp'
import { authenticate, hasDuplicateHost, isAllowedHost, isAllowedOrigin, TOKEN_COOKIE } from './httpSecurity'
import { contentTypeFor, openStaticFile, resolveStaticPath } from './staticFiles'

export interface HttpTransportOptions {
  handlers: Handlers
  bus: EventBus
  token: string
  /** The built renderer folder; nothing outside it is ever served. */
  staticDir: string
  /** Largest accepted request body, in bytes. */
  maxBodyBytes?: number
}

export interface RunningHttpServer {
  server: Server
  port: number
  url: string
  close(): Promise<void>
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // The token travels in the first URL; never let it leak through a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
}

function send(
  response: ServerResponse,
  status: number,
  body: string,
  contentType = 'text/plain; charset=utf-8',
): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
  })
  response.end(body)
}

function sendResult(response: ServerResponse, status: number, result: Result<unknown>): void {
  send(response, status, JSON.stringify(result), 'application/json; charset=utf-8')
}

class BodyTooLarge extends Error {}

/** The decoded channel name, or null when the path is not valid percent-encoding (`%E0%A4%A`). */
function decodeChannelName(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded)
  } catch {
    return null
  }
}

/** The request body as text; past `limit` bytes it stops reading (the rest is discarded) and rejects. */
function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        // Keep draining without storing, so the 413 answer still reaches the client.
        chunks.length = 0
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () =>
      size > limit
        ? reject(new BodyTooLarge(`Request body is larger than ${limit} bytes`))
        : resolveBody(Buffer.concat(chunks).toString('utf8')),
    )
    request.on('error', reject)
  })
}

/**
 * Web mode's door: the same handlers as IPC, as `POST /api/<channel>`, events as server-sent events on
 * `GET /api/events`, and the built renderer as static files. Bound to 127.0.0.1 only; every request needs the
 * run's token, a loopback Host header (DNS rebinding) and, when it has one, our own Origin.
 */
export function startHttpTransport(options: HttpTransportOptions, port = 0): Promise<RunningHttpServer> {
  const { handlers, bus, token, staticDir } = options
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024
  const eventStreams = new Set<ServerResponse>()
  let boundPort = 0

  const unsubscribe = bus.subscribe((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(encodeWire(payload))}\n\n`
    for (const stream of eventStreams) stream.write(frame)
  })

  async function handleApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const name = decodeChannelName(url.pathname.slice('/api/'.length))
    if (name === null) {
      return sendResult(response, 400, {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: 'The channel name in the URL is not valid percent-encoding',
        },
      })
    }
    if (name === 'events') {
      if (request.method !== 'GET') return send(response, 405, 'Method not allowed')
      response.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        Connection: 'keep-alive',
      })
      response.write(': connected\n\n')
      eventStreams.add(response)
      const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), 25_000)
      request.on('close', () => {
        clearInterval(heartbeat)
        eventStreams.delete(response)
      })
      return
    }
    if (request.method !== 'POST') return send(response, 405, 'Method not allowed')
    let input: unknown = {}
    try {
      const body = await readBody(request, maxBodyBytes)
      input = body.trim() === '' ? {} : JSON.parse(body)
    } catch (error) {
      const tooLarge = error instanceof BodyTooLarge
      return sendResult(response, tooLarge ? 413 : 400, {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: tooLarge ? error.message : `Request body is not valid JSON: ${(error as Error).message}`,
        },
      })
    }
    const result = await dispatch(handlers, name, input)
    const status =
      !result.ok && result.error.code === 'NOT_FOUND' && result.error.message.startsWith('Unknown channel')
        ? 404
        : 200
    sendResult(response, status, result)
  }

  async function handleStatic(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    tokenFromQuery: boolean,
  ): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, 405, 'Method not allowed')
    const path = resolveStaticPath(staticDir, url.pathname)
    if (path === null) return send(response, 403, 'Forbidden')
    const file = await openStaticFile(path)
    if (file === null) return send(response, 404, 'Not found')
    const headers: Record<string, string | number> = {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeFor(path),
      'Content-Length': file.size,
    }
    // The first page load carries the token in the query; a strict, HttpOnly cookie lets the page's own
    // assets and the event stream authenticate without putting the token in every URL.
    if (tokenFromQuery)
      headers['Set-Cookie'] =
        `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`
    response.writeHead(200, headers)
    if (request.method === 'HEAD') {
      file.stream.destroy()
      return void response.end()
    }
    // pipeline, not pipe: a client that goes away must not leave the file open.
    pipeline(file.stream, response, () => undefined)
  }

  function route(request: IncomingMessage, response: ServerResponse): void {
    if (hasDuplicateHost(request)) return send(response, 400, 'Bad request: more than one Host header')
    if (!isAllowedHost(request, boundPort)) return send(response, 403, 'Forbidden: unexpected Host header')
    if (!isAllowedOrigin(request, boundPort)) return send(response, 403, 'Forbidden: foreign Origin')
    let url: URL
    try {
      url = new URL(request.url ?? '/', `http://127.0.0.1:${boundPort}`)
    } catch {
      return send(response, 400, 'Bad request')
    }
    if (authenticate(request, url, token) === null) {
      return send(
        response,
        401,
        'Unauthorized: this server needs the token from the URL it printed at start-up',
      )
    }
    const tokenFromQuery = url.searchParams.has('token')
    const work = url.pathname.startsWith('/api/')
      ? handleApi(request, response, url)
      : handleStatic(request, response, url, tokenFromQuery)
    work.catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, `Internal error: ${(error as Error).message}`)
      else response.end()
    })
  }

  const server = createServer((request, response) => {
    // Nothing a client sends may take the server down: a throw here would be an uncaught exception.
    try {
      route(request, response)
    } catch {
      if (!response.headersSent) send(response, 400, 'Bad request')
      else response.destroy()
    }
  })

  return new Promise((resolveServer, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      boundPort = (server.address() as AddressInfo).port
      resolveServer({
        server,
        port: boundPort,
        url: `http://127.0.0.1:${boundPort}/?token=${token}`,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe()
            for (const stream of eventStreams) stream.end()
            eventStreams.clear()
            server.closeAllConnections()
            server.close(() => done())
          }),
      })
    })
  })
}
