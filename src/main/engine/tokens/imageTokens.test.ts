import { describe, expect, it } from 'vitest'
import { dataUrlImageSize, imageTokens } from './imageTokens'

const dataUrl = (mime: string, bytes: Buffer): string => `data:${mime};base64,${bytes.toString('base64')}`

describe('image tokens', () => {
  it.each([
    ['low detail, any size', 'low', { width: 4000, height: 3000 }, 85],
    ['one tile', undefined, { width: 512, height: 512 }, 255],
    ['1024 square: 4 tiles', 'high', { width: 1024, height: 1024 }, 765],
    ['2048×4096 scales to 768×1536: 6 tiles', 'high', { width: 2048, height: 4096 }, 1105],
    ['unknown size: assumed 1024 square', 'auto', undefined, 765],
  ])('%s', (_name, detail, size, expected) => {
    expect(imageTokens(detail, size)).toBe(expected)
  })

  it('reads sizes from PNG, GIF, JPEG and WebP data URLs', () => {
    const png = Buffer.alloc(24)
    png.writeUInt32BE(0x89504e47, 0)
    png.write('IHDR', 12, 'latin1')
    png.writeUInt32BE(640, 16)
    png.writeUInt32BE(480, 20)
    expect(dataUrlImageSize(dataUrl('image/png', png))).toEqual({ width: 640, height: 480 })

    const gif = Buffer.from('GIF89a\x20\x03\x58\x02', 'latin1')
    expect(dataUrlImageSize(dataUrl('image/gif', gif))).toEqual({ width: 800, height: 600 })

    // SOI, an APP0 segment, then SOF0 with height 300 and width 400.
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0x2c, 0x01, 0x90,
      0x03,
    ])
    expect(dataUrlImageSize(dataUrl('image/jpeg', Buffer.concat([jpeg, Buffer.alloc(16)])))).toEqual({
      width: 400,
      height: 300,
    })

    const webp = Buffer.alloc(30)
    webp.write('RIFF', 0, 'latin1')
    webp.write('WEBPVP8X', 8, 'latin1')
    webp.writeUIntLE(1919, 24, 3)
    webp.writeUIntLE(1079, 27, 3)
    expect(dataUrlImageSize(dataUrl('image/webp', webp))).toEqual({ width: 1920, height: 1080 })
  })

  it('knows no size for remote URLs and garbage', () => {
    expect(dataUrlImageSize('https://example.com/cat.png')).toBeUndefined()
    expect(dataUrlImageSize('data:image/png;base64,AAAA')).toBeUndefined()
    expect(dataUrlImageSize('data:text/plain,hello')).toBeUndefined()
  })
})
