import { useState } from 'react'
import type { MessageTextTarget } from '../../../../shared/model/document'
import { errorText } from '../../api/describeError'
import type { ApiClient } from '../../api/client'
import { CopyButton } from '../../components/CopyButton'
import { formatCount } from '../../lib/format'
import { useStores } from '../../stores/StoresContext'

/** Where the rest of a text main sent only the start of lives (a message detail carries 64 K of each text). */
export interface CutText {
  docId: string
  index: number
  messageId: number
  target: MessageTextTarget
  totalLength: number
}

/** Characters one "Show more" adds. */
const MORE_CHARS = 1024 * 1024
/** The most `document.messageText` answers at once. */
const RANGE_CHARS = 16 * 1024 * 1024

/** Characters [offset, end) of a cut text, fetched in ranges the channel accepts. */
export async function fetchTextRange(
  client: ApiClient,
  cut: CutText,
  offset: number,
  end: number,
): Promise<string> {
  let text = ''
  for (let at = offset; at < end; at += RANGE_CHARS) {
    const range = await client.call('document.messageText', {
      id: cut.docId,
      index: cut.index,
      messageId: cut.messageId,
      target: cut.target,
      offset: at,
      length: Math.min(RANGE_CHARS, end - at),
    })
    text += range.text
  }
  return text
}

/** "… N more characters — Show more / Copy all" under a text main cut; `loaded` is how much is shown. */
export function MoreText({
  cut,
  loaded,
  onMore,
}: {
  cut: CutText
  loaded: number
  onMore(text: string): void
}) {
  const { client } = useStores()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const remaining = cut.totalLength - loaded
  if (remaining <= 0) return null
  const showMore = async (): Promise<void> => {
    setBusy(true)
    try {
      onMore(await fetchTextRange(client, cut, loaded, Math.min(cut.totalLength, loaded + MORE_CHARS)))
      setError(null)
    } catch (failure) {
      setError(errorText(failure))
    } finally {
      setBusy(false)
    }
  }
  return (
    <p className="more-text">
      … {formatCount(remaining)} more characters —{' '}
      <button type="button" className="small" disabled={busy} onClick={() => void showMore()}>
        Show more
      </button>{' '}
      <CopyButton text={() => fetchTextRange(client, cut, 0, cut.totalLength)} label="Copy all" />
      {error ? <span role="alert"> {error}</span> : null}
    </p>
  )
}
