import { useEffect, useRef, useState } from 'react'
import { useDocuments, useWorkspace } from '../../stores/StoresContext'
import { useOpenActions } from './useOpenActions'

/** "Open…" / "Open folder…" where a native dialog exists (Electron), and the "Open path" field everywhere. */
export function OpenControls() {
  const roots = useWorkspace((state) => state.roots)
  const recent = useWorkspace((state) => state.recent)
  const focusRequest = useWorkspace((state) => state.openPathFocus)
  const opening = useDocuments((state) => state.opening)
  const { openPaths, openWithDialog } = useOpenActions()
  const [path, setPath] = useState('')
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (focusRequest > 0) input.current?.focus()
  }, [focusRequest])

  const submit = async (): Promise<void> => {
    const trimmed = path.trim()
    if (!trimmed) return
    const result = await openPaths([trimmed])
    if (result && result.documents.length > 0) setPath('')
  }
  const hint = roots?.restricted
    ? `Allowed folders: ${roots.roots.join(', ')}`
    : 'A memory file, or a folder to open every memory file in it'
  return (
    <div className="open-controls">
      {roots?.canBrowse ? (
        <>
          <button type="button" onClick={() => void openWithDialog(false)}>
            Open…
          </button>
          <button type="button" onClick={() => void openWithDialog(true)}>
            Open folder…
          </button>
        </>
      ) : null}
      <form
        className="open-path"
        aria-label="Open a file or folder by path"
        onSubmit={(event) => {
          event.preventDefault()
          void submit()
        }}
      >
        <input
          ref={input}
          type="text"
          aria-label="Open path"
          placeholder="Open path: /path/to/memory.json or a folder"
          title={hint}
          list="open-path-suggestions"
          value={path}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => setPath(event.target.value)}
        />
        <datalist id="open-path-suggestions">
          {[...(roots?.roots ?? []), ...recent.map((entry) => entry.path)].map((suggestion) => (
            <option key={suggestion} value={suggestion} />
          ))}
        </datalist>
        <button type="submit" disabled={opening || path.trim() === ''}>
          {opening ? 'Opening…' : 'Open'}
        </button>
      </form>
    </div>
  )
}
