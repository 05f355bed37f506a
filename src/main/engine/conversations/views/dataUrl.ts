/** Facts about a `data:` URL without decoding it: MIME type and decoded size (from the base64 length). */
export interface DataUrlInfo {
  mime: string
  bytes: number
  base64: boolean
}

export function describeDataUrl(url: string): DataUrlInfo | null {
  if (!url.startsWith('data:')) return null
  const comma = url.indexOf(',')
  if (comma < 0) return null
  const header = url.slice(5, comma)
  const base64 = /;base64$/i.test(header)
  const mime = (base64 ? header.slice(0, -';base64'.length) : header).split(';')[0] || 'text/plain'
  const payloadLength = url.length - comma - 1
  if (!base64) return { mime, bytes: payloadLength, base64 }
  let padding = 0
  if (url.endsWith('==')) padding = 2
  else if (url.endsWith('=')) padding = 1
  return { mime, bytes: Math.max(0, Math.floor((payloadLength * 3) / 4) - padding), base64 }
}
