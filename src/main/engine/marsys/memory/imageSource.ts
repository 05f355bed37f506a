/**
 * Where `Message.images` paths are read from when a message is turned into its LLM dict. MARSYS opens the path
 * itself; an interface keeps Message free of file-system code (see nodeImageSource.ts for the Node one).
 */
export interface ImageSource {
  /** The file's bytes as base64, or null when it cannot be read (MARSYS skips such an image with a warning). */
  readBase64(path: string): string | null
}

/** Reads nothing: every image is skipped, as if no file existed. */
export const NO_IMAGES: ImageSource = { readBase64: () => null }

/** MARSYS chooses the MIME type from the extension alone, defaulting to PNG. */
export function imageMimeType(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)
  const dot = base.lastIndexOf('.')
  // Path.suffix: a leading dot (".png") is a hidden file name, not an extension.
  const extension = dot > 0 ? base.slice(dot).toLowerCase() : ''
  switch (extension) {
    case '.jpg':
    case '.jpeg':
      return 'image/jpeg'
    case '.gif':
      return 'image/gif'
    case '.webp':
      return 'image/webp'
    default:
      return 'image/png'
  }
}

export const imageDataUrl = (path: string, base64: string): string =>
  `data:${imageMimeType(path)};base64,${base64}`
