import { useState } from 'react'
import { Dialog } from '../../components/Dialog'
import { useStores } from '../../stores/StoresContext'

interface Props {
  defaultPath: string
  error: string | null
}

/** Web mode's Save As: a browser cannot show the native save dialog, so the path is typed in. */
export function SavePathDialog({ defaultPath, error }: Props) {
  const { saveFlow } = useStores()
  const [path, setPath] = useState(defaultPath)
  return (
    <Dialog title="Save as" open onClose={() => saveFlow.getState().cancel()}>
      <form
        className="save-path-form"
        onSubmit={(event) => {
          event.preventDefault()
          void saveFlow.getState().submitPath(path)
        }}
      >
        <label className="field-block">
          <span>File path</span>
          <input
            type="text"
            value={path}
            spellCheck={false}
            autoComplete="off"
            // The attribute (React's autoFocus sets none) is what showModal() gives the focus to.
            ref={(input) => input?.setAttribute('autofocus', '')}
            aria-invalid={error ? true : undefined}
            onChange={(event) => setPath(event.target.value)}
          />
        </label>
        <p className="muted">
          The new file must be in a folder the app may write to (web mode: the folders it was started with).
        </p>
        {error ? (
          <p role="alert" className="severity-error">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={() => saveFlow.getState().cancel()}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Save
          </button>
        </div>
      </form>
    </Dialog>
  )
}
