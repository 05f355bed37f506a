import { createReadStream, type ReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
}

export const contentTypeFor = (file: string): string =>
  CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'

/**
 * Maps a URL path onto a file inside `root`, or null when it would leave it (`..`, encoded `%2e%2e`,
 * backslashes, NUL). The decoded path is resolved and must still start with the root.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '')
  const rootResolved = resolve(root)
  const target = resolve(rootResolved, relative)
  if (target !== rootResolved && !target.startsWith(rootResolved + sep)) return null
  return target
}

export async function openStaticFile(path: string): Promise<{ stream: ReadStream; size: number } | null> {
  try {
    const info = await stat(path)
    if (!info.isFile()) return null
    return { stream: createReadStream(path), size: info.size }
  } catch {
    return null
  }
}
