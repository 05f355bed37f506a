/**
 * OpenAI's published rule for image input tokens (GPT-4o, GPT-4 Turbo with vision): `detail: "low"` costs 85
 * tokens; otherwise the image is scaled to fit a 2048×2048 square, then its shortest side to 768 px, and each
 * 512 px tile costs 170 tokens plus 85 for the whole. Sizes are read from the header of `data:` URLs (PNG, GIF,
 * JPEG, WebP); a remote or unreadable image is assumed 1024×1024 (765 tokens at high detail).
 */

export const LOW_DETAIL_TOKENS = 85
export const TILE_TOKENS = 170
const TILE = 512
const FIT_SQUARE = 2048
const SHORT_SIDE = 768
const ASSUMED_SIZE = { width: 1024, height: 1024 }

export interface ImageSize {
  width: number
  height: number
}

export function imageTokens(detail: string | undefined, size: ImageSize | undefined): number {
  if (detail === 'low') return LOW_DETAIL_TOKENS
  let { width, height } = size ?? ASSUMED_SIZE
  if (width <= 0 || height <= 0) return LOW_DETAIL_TOKENS
  if (width > FIT_SQUARE || height > FIT_SQUARE) {
    const scale = FIT_SQUARE / Math.max(width, height)
    width = Math.floor(width * scale)
    height = Math.floor(height * scale)
  }
  const shortScale = SHORT_SIDE / Math.min(width, height)
  if (shortScale < 1) {
    width = Math.floor(width * shortScale)
    height = Math.floor(height * shortScale)
  }
  return TILE_TOKENS * Math.ceil(width / TILE) * Math.ceil(height / TILE) + LOW_DETAIL_TOKENS
}

// Enough of the image to reach a JPEG's frame header past typical EXIF data.
const HEADER_BASE64_CHARS = 96 * 1024

/** The pixel size of a base64 `data:` image URL, from its header only; undefined when not readable. */
export function dataUrlImageSize(url: string): ImageSize | undefined {
  if (!url.startsWith('data:')) return undefined
  const comma = url.indexOf(',')
  if (comma < 0 || !url.slice(0, comma).endsWith(';base64')) return undefined
  const bytes = Buffer.from(url.slice(comma + 1, comma + 1 + HEADER_BASE64_CHARS), 'base64')
  return pngSize(bytes) ?? gifSize(bytes) ?? jpegSize(bytes) ?? webpSize(bytes)
}

function pngSize(b: Buffer): ImageSize | undefined {
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47 || b.toString('latin1', 12, 16) !== 'IHDR')
    return undefined
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) }
}

function gifSize(b: Buffer): ImageSize | undefined {
  if (b.length < 10 || b.toString('latin1', 0, 4) !== 'GIF8') return undefined
  return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) }
}

function jpegSize(b: Buffer): ImageSize | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined
  let p = 2
  while (p + 9 < b.length) {
    if (b[p] !== 0xff) return undefined
    const marker = b[p + 1]
    // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { width: b.readUInt16BE(p + 7), height: b.readUInt16BE(p + 5) }
    p += 2 + b.readUInt16BE(p + 2)
  }
  return undefined
}

function webpSize(b: Buffer): ImageSize | undefined {
  if (b.length < 30 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WEBP')
    return undefined
  const chunk = b.toString('latin1', 12, 16)
  if (chunk === 'VP8X') return { width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3) }
  if (chunk === 'VP8 ') return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff }
  if (chunk === 'VP8L') {
    const bits = b.readUInt32LE(21)
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 }
  }
  return undefined
}
