import { useStores } from '../../stores/StoresContext'

/** Links to messages by index (`#3`): a click selects the message and scrolls to it. */
export function MessageLinks({
  docId,
  indices,
  max = 12,
}: {
  docId: string
  indices: readonly number[]
  max?: number
}) {
  const stores = useStores()
  const unique = [...new Set(indices)]
  if (unique.length === 0) return null
  return (
    <span className="message-links">
      {unique.slice(0, max).map((index) => (
        <button
          key={index}
          type="button"
          className="link"
          aria-label={`Go to message ${index}`}
          onClick={() => stores.view.getState().jumpTo(docId, index)}
        >
          #{index}
        </button>
      ))}
      {unique.length > max ? <span className="muted"> +{unique.length - max} more</span> : null}
    </span>
  )
}
