import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/** Hosts a browser may name when it talks to us; anything else is a DNS-rebinding attempt. */
export const allowedHosts = (port: number): string[] => [`127.0.0.1:${port}`, `localhost:${port}`]

export const allowedOrigins = (port: number): string[] => allowedHosts(port).map((host) => `http://${host}`)

export function isAllowedHost(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host
  return typeof host === 'string' && allowedHosts(port).includes(host.toLowerCase())
}

/**
 * Node keeps only the first of several Host headers, so a second one (which a proxy or cache may honour instead)
 * would pass the check unseen; the raw headers show them all.
 */
export function hasDuplicateHost(request: IncomingMessage): boolean {
  let hosts = 0
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    if (request.rawHeaders[index].toLowerCase() === 'host') hosts += 1
  }
  return hosts > 1
}

/** Same-origin requests from our page may carry an Origin header; foreign ones are refused. */
export function isAllowedOrigin(request: IncomingMessage, port: number): boolean {
  const origin = request.headers.origin
  if (origin === undefined) return true
  return allowedOrigins(port).includes(origin.toLowerCase())
}

export const TOKEN_COOKIE = 'mi_token'

export type TokenSource = 'header' | 'query' | 'cookie'

/** The token may come as a bearer header (API calls), a query parameter (the announced URL) or our cookie. */
export function presentedTokens(
  request: IncomingMessage,
  url: URL,
): { token: string; source: TokenSource }[] {
  const tokens: { token: string; source: TokenSource }[] = []
  const authorization = request.headers.authorization
  if (authorization?.startsWith('Bearer '))
    tokens.push({ token: authorization.slice('Bearer '.length).trim(), source: 'header' })
  const queryToken = url.searchParams.get('token')
  if (queryToken) tokens.push({ token: queryToken, source: 'query' })
  const cookie = request.headers.cookie
  if (cookie) {
    for (const part of cookie.split(';')) {
      const [name, ...rest] = part.trim().split('=')
      if (name !== TOKEN_COOKIE) continue
      try {
        tokens.push({ token: decodeURIComponent(rest.join('=')), source: 'cookie' })
      } catch {
        // A malformed cookie is no token (and must not throw out of the request handler).
      }
    }
  }
  return tokens
}

/**
 * How the request proved it holds the token, or null. A cookie is sent by the browser on its own, so it alone
 * may not authorise a state-changing request unless the browser also says the request comes from our page
 * (an Origin header, which browsers always send on POST and which was checked against ours already): that
 * closes cross-site request forgery from anything the browser counts as same-site (other ports of 127.0.0.1).
 */
export function authenticate(request: IncomingMessage, url: URL, expected: string): TokenSource | null {
  const matching = presentedTokens(request, url).filter(({ token }) => tokenMatches(token, expected))
  const strong = matching.find(({ source }) => source !== 'cookie')
  if (strong) return strong.source
  if (matching.length === 0) return null
  const safeMethod = request.method === 'GET' || request.method === 'HEAD'
  return safeMethod || request.headers.origin !== undefined ? 'cookie' : null
}

export function tokenMatches(presented: string, expected: string): boolean {
  const a = Buffer.from(presented)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
