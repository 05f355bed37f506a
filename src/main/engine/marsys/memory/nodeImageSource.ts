import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { ImageSource } from './imageSource'

const isHttpUrl = (path: string): boolean => /^https?:\/\//i.test(path)

/**
 * Reads image files from disk, relative paths against `baseDir` (default: the process's working directory, as
 * MARSYS does). http(s) URLs are skipped: MARSYS tries to open them as local paths, which fails.
 */
export function nodeImageSource(
  opts: { baseDir?: string; onError?: (path: string, error: unknown) => void } = {},
): ImageSource {
  return {
    readBase64(path: string): string | null {
      if (isHttpUrl(path)) return null
      try {
        return readFileSync(opts.baseDir === undefined ? path : resolve(opts.baseDir, path)).toString(
          'base64',
        )
      } catch (error) {
        opts.onError?.(path, error)
        return null
      }
    },
  }
}
