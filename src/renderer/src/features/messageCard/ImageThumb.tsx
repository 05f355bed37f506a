import { useEffect, useRef, useState } from 'react'
import type { ContentPart } from '../../../../shared/model/document'
import { Dialog } from '../../components/Dialog'
import { formatBytes, shortMime } from '../../lib/format'
import { imageKey } from '../../stores/messagesStore'
import { useMessages, useStores } from '../../stores/StoresContext'

type ImagePart = Extract<ContentPart, { kind: 'image' }>

interface Props {
  docId: string
  index: number
  messageId: number
  part: ImagePart
  /** 1-based number of this image within its message. */
  ordinal: number
}

/** Calls `onVisible` once the element scrolls into view (at once where IntersectionObserver is missing). */
function useWhenVisible(onVisible: () => void): (element: HTMLElement | null) => void {
  const [element, setElement] = useState<HTMLElement | null>(null)
  const callback = useRef(onVisible)
  useEffect(() => {
    callback.current = onVisible
  })
  useEffect(() => {
    if (!element) return
    if (typeof IntersectionObserver === 'undefined') {
      callback.current()
      return
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect()
        callback.current()
      }
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [element])
  return setElement
}

/** An inline image: size and MIME at once, the thumbnail fetched only when the card is on screen. */
export function ImageThumb({ docId, index, messageId, part, ordinal }: Props) {
  const { messages } = useStores()
  const key = imageKey(docId, messageId, part.partIndex)
  const image = useMessages((state) => state.images[key])
  const [wanted, setWanted] = useState(false)
  const [enlarged, setEnlarged] = useState(false)
  const observe = useWhenVisible(() => setWanted(true))
  useEffect(() => {
    if (wanted && part.isDataUrl && !image)
      messages.getState().loadImage(docId, { index, messageId }, part.partIndex)
  }, [wanted, image, part.isDataUrl, part.partIndex, docId, index, messageId, messages])

  const description = `image ${ordinal} (${shortMime(part.mime)}, ${formatBytes(part.bytes)})`
  if (!part.isDataUrl) {
    return (
      <div className="image-part external">
        <span className="chip">external image</span> <code>{part.url || '(no url)'}</code>
        <span className="muted"> — not fetched: the app never loads remote content</span>
      </div>
    )
  }
  return (
    <div className="image-part" ref={observe}>
      {image?.dataUrl ? (
        <button
          type="button"
          className="thumb"
          aria-label={`Enlarge ${description}`}
          onClick={() => setEnlarged(true)}
        >
          <img src={image.dataUrl} loading="lazy" decoding="async" alt={description} />
        </button>
      ) : (
        <div className="thumb placeholder" aria-busy={!image?.error}>
          {image?.error ? (
            <span role="alert">Image not loaded: {image.error}</span>
          ) : (
            <span className="muted">loading…</span>
          )}
        </div>
      )}
      <span className="muted image-meta">
        {shortMime(part.mime)} · {formatBytes(part.bytes)}
      </span>
      <Dialog
        title={`Message ${index}, ${description}`}
        open={enlarged}
        onClose={() => setEnlarged(false)}
        className="image-dialog"
      >
        {image?.dataUrl ? <img src={image.dataUrl} alt={description} className="enlarged" /> : null}
      </Dialog>
    </div>
  )
}
