import './migration.css'
import { useEffect, useState } from 'react'
import type { ExportFormat, LossEntry } from '../../../../shared/domains/migration/contract'
import { ApiError } from '../../api/apiError'
import { errorText } from '../../api/describeError'
import { Dialog } from '../../components/Dialog'
import { useDocuments, useStores, useWorkspace } from '../../stores/StoresContext'
import { downloadText } from '../../lib/download'
import { folderOf, inFolder } from './exportTarget'
import { ToolbarLabel } from '../documents/ToolbarLabel'

const FORMATS: { value: ExportFormat; label: string }[] = [
  { value: 'marsys', label: 'MARSYS memory file' },
  { value: 'openai', label: 'OpenAI chat request (JSON)' },
  { value: 'anthropic', label: 'Anthropic Messages request (JSON)' },
  { value: 'jsonl', label: 'JSONL (a message a line)' },
  { value: 'markdown', label: 'Markdown transcript' },
]

type MemoryType = '' | 'conversation_history' | 'managed_conversation'

/** "Export…" in a document's toolbar: the document in another format, to a file or (web mode) a download. */
export function ExportButton({ docId }: { docId: string }) {
  const [open, setOpen] = useState(false)
  const parsed = useDocuments((state) => state.summaries[docId]?.status === 'ok')
  return (
    <>
      <button
        type="button"
        className="small tool-button"
        disabled={!parsed}
        title={
          parsed
            ? 'Export this conversation to another format'
            : 'A file that cannot be parsed cannot be exported'
        }
        onClick={() => setOpen(true)}
      >
        <ToolbarLabel icon="⇪" label="Export…" />
      </button>
      {open ? <ExportDialog docId={docId} onClose={() => setOpen(false)} /> : null}
    </>
  )
}

interface Plan {
  losses: LossEntry[]
  messages: number
  suggestedName: string
}

function ExportDialog({ docId, onClose }: { docId: string; onClose(): void }) {
  const { client, notices } = useStores()
  const summary = useDocuments((state) => state.summaries[docId])
  const roots = useWorkspace((state) => state.roots)
  const [format, setFormat] = useState<ExportFormat>('marsys')
  const [memoryType, setMemoryType] = useState<MemoryType>('')
  const [plan, setPlan] = useState<Plan | null>(null)
  const [planError, setPlanError] = useState<string | null>(null)
  const [path, setPath] = useState('')
  const [pathEdited, setPathEdited] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [exists, setExists] = useState(false)
  const [working, setWorking] = useState(false)
  const canBrowse = roots?.canBrowse ?? false
  const input = { id: docId, format, ...(format === 'marsys' && memoryType ? { memoryType } : {}) }

  useEffect(() => {
    let current = true
    setPlan(null)
    setPlanError(null)
    client
      .call('migration.exportPlan', input)
      .then((next) => {
        if (!current) return
        setPlan(next)
        if (!pathEdited) {
          const folder =
            summary?.source === 'file'
              ? folderOf(summary.path)
              : roots?.restricted
                ? (roots.roots[0] ?? '')
                : ''
          setPath(inFolder(folder, next.suggestedName))
        }
      })
      .catch((e: unknown) => current && setPlanError(errorText(e)))
    return () => {
      current = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the plan depends on what is exported, not on the path field
  }, [client, docId, format, memoryType])

  const write = async (overwrite: boolean): Promise<void> => {
    setWorking(true)
    setError(null)
    try {
      const done = await client.call('migration.export', {
        ...input,
        path: path.trim(),
        ...(overwrite ? { overwrite } : {}),
      })
      notices.getState().push({
        level: 'info',
        message: `Exported ${plan?.messages ?? ''} message(s) of ${summary?.name ?? 'the document'} to ${done.path}`,
      })
      onClose()
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT' && e.details?.reason === 'target-exists')
        setExists(true)
      setError(errorText(e))
    } finally {
      setWorking(false)
    }
  }

  const download = async (): Promise<void> => {
    setWorking(true)
    setError(null)
    try {
      const done = await client.call('migration.export', input)
      downloadText(done.suggestedName, done.text ?? '')
      onClose()
    } catch (e) {
      setError(errorText(e))
    } finally {
      setWorking(false)
    }
  }

  const chooseTarget = async (): Promise<void> => {
    try {
      const chosen = (
        await client.call('workspace.saveDialog', { defaultPath: path || (plan?.suggestedName ?? 'export') })
      ).path
      if (chosen) {
        setPath(chosen)
        setPathEdited(true)
        setExists(false)
      }
    } catch (e) {
      setError(errorText(e))
    }
  }

  return (
    <Dialog title={`Export ${summary?.name ?? ''}`} open onClose={onClose} className="export-dialog">
      <form
        className="export-form"
        onSubmit={(event) => {
          event.preventDefault()
          void write(false)
        }}
      >
        <label className="field-block">
          <span>Format</span>
          <select
            value={format}
            onChange={(event) => {
              setFormat(event.target.value as ExportFormat)
              setExists(false)
            }}
          >
            {FORMATS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        {format === 'marsys' ? (
          <label className="field-block">
            <span>MARSYS memory type</span>
            <select value={memoryType} onChange={(event) => setMemoryType(event.target.value as MemoryType)}>
              <option value="">As the source (else conversation_history)</option>
              <option value="conversation_history">conversation_history</option>
              <option value="managed_conversation">managed_conversation</option>
            </select>
          </label>
        ) : null}

        <section aria-label="What this format cannot hold" aria-busy={plan === null && planError === null}>
          {planError ? (
            <p role="alert" className="severity-error">
              {planError}
            </p>
          ) : plan === null ? (
            <p className="muted">Checking what this format can hold…</p>
          ) : plan.losses.length === 0 ? (
            <p className="muted">{plan.messages} message(s); nothing is lost in this format.</p>
          ) : (
            <>
              <p>
                {plan.messages} message(s). <strong>This format cannot hold:</strong>
              </p>
              <ul className="export-losses">
                {plan.losses.map((loss) => (
                  <li key={`${loss.field}:${loss.reason}`}>
                    <code>{loss.field}</code> ×{loss.count}: {loss.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>

        <div className="export-path-row">
          <label className="field-block">
            <span>Write to file</span>
            <input
              type="text"
              value={path}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={error ? true : undefined}
              onChange={(event) => {
                setPath(event.target.value)
                setPathEdited(true)
                setExists(false)
              }}
            />
          </label>
          {canBrowse ? (
            <button type="button" onClick={() => void chooseTarget()}>
              Choose…
            </button>
          ) : null}
        </div>
        {roots?.restricted ? (
          <p className="muted">Web mode writes only under: {roots.roots.join(', ')}; or download the file.</p>
        ) : null}
        {error ? (
          <p role="alert" className="severity-error">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          {canBrowse ? null : (
            <button type="button" disabled={working || plan === null} onClick={() => void download()}>
              Download
            </button>
          )}
          {exists ? (
            <button type="button" className="primary" disabled={working} onClick={() => void write(true)}>
              Overwrite
            </button>
          ) : (
            <button
              type="submit"
              className="primary"
              disabled={working || plan === null || path.trim() === ''}
            >
              Export
            </button>
          )}
        </div>
      </form>
    </Dialog>
  )
}
