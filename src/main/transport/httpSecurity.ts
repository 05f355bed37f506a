import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/** Hosts a browser may name when it talks to us; anything else is a DNS-rebinding attempt. */
export const allowedHosts = (port: number): string[] => [`127.0.0.1:${port}`, `localhost:${port}`]

export const allowedOrigins = (port: number): string[] => allowedHosts(port).map((host) => `http://${host}`)

export function isAllowedHost(request: IncomingMessage, port: number): boolean {
  const host = request.headers.host
  return typeof host === 'string' && allowedHosts(port).includes(host.toLowerCase())
}

/** Same-origin requests from our page may carry an Origin header; foreign ones are refused. */
export function isAllowedOrigin(request: IncomingMessage, port: number): boolean {
  const origin = request.headers.origin
  if (origin === undefined) return true
  return allowedOrigins(port).includes(origin.toLowerCase())
}

export const TOKEN_COOKIE = 'mi_token'

/** The token may come as a bearer header (API calls), a query parameter (the announced URL) or our cookie. */
export function presentedTokens(request: IncomingMessage, url: URL): string[] {
  const tokens: string[] = []
  const authorization = request.headers.authorization
  if (authorization?.startsWith('Bearer ')) tokens.push(authorization.slice('Bearer '.length).trim())
  const queryToken = url.searchParams.get('token')
  if (queryToken) tokens.push(queryToken)
  const cookie = request.headers.cookie
  if (cookie) {
    for (const part of cookie.split(';')) {
      const [name, ...rest] = part.trim().split('=')
      if (name === TOKEN_COOKIE) tokens.push(decodeURIComponent(rest.join('=')))
    }
  }
  return tokens
}

export function tokenMatches(presented: string, expected: string): boolean {
  const a = Buffer.from(presented)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}
