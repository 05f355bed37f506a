import { useEffect, useState } from 'react'
import { copyText } from '../lib/clipboard'

/** Copies `text`, or what `text()` fetches (a text too large to hold in the page until asked for). */
export function CopyButton({
  text,
  label = 'Copy',
}: {
  text: string | (() => Promise<string>)
  label?: string
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), 1500)
    return () => clearTimeout(timer)
  }, [state])
  return (
    <button
      type="button"
      className="small"
      onClick={(event) => {
        event.stopPropagation()
        void Promise.resolve(typeof text === 'string' ? text : text())
          .then(copyText)
          .then(
            (ok) => setState(ok ? 'copied' : 'failed'),
            () => setState('failed'),
          )
      }}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </button>
  )
}
