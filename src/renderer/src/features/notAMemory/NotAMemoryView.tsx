import './notAMemory.css'
import { lazy, Suspense, useCallback } from 'react'
import { CopyButton } from '../../components/CopyButton'
import { formatBytes } from '../../lib/format'
import { useDocuments, useStores } from '../../stores/StoresContext'
import { useDocumentResource } from '../shared/useDocumentResource'

// CodeMirror loads only when needed (as for the JSON editor): most documents are memories.
const ReadOnlyJson = lazy(() => import('./ReadOnlyJson').then((module) => ({ default: module.ReadOnlyJson })))

/** A valid JSON file that is no MARSYS memory: what it is, and its text read-only (the start of a huge one). */
export function NotAMemoryView({ docId }: { docId: string }) {
  const stores = useStores()
  const what = useDocuments((state) => state.summaries[docId]?.notAMemory)
  const fetchText = useCallback((id: string) => stores.client.call('document.fileText', { id }), [stores])
  const { data, error } = useDocumentResource(docId, fetchText)
  return (
    <section className="not-a-memory" aria-label="File contents">
      <p className="not-a-memory-what" role="status">
        <strong>{what}</strong> It is shown as it is, read-only.
      </p>
      {error ? <p role="alert">Could not read the file: {error}</p> : null}
      {data ? (
        <>
          <div className="part-header">
            <span className="chip">
              {data.shownBytes < data.totalBytes
                ? `the first ${formatBytes(data.shownBytes)} of ${formatBytes(data.totalBytes)}`
                : `the whole file, ${formatBytes(data.totalBytes)}`}
            </span>
            {data.shownBytes === data.totalBytes ? <CopyButton text={data.text} label="Copy JSON" /> : null}
          </div>
          <Suspense fallback={<pre className="read-only-json-fallback">{data.text}</pre>}>
            <ReadOnlyJson label="JSON text of the file (read-only)" text={data.text} />
          </Suspense>
          {data.shownBytes < data.totalBytes ? (
            <p className="muted">
              Only the start of the file is shown ({formatBytes(data.shownBytes)} of{' '}
              {formatBytes(data.totalBytes)}); open it in a text editor to see the rest.
            </p>
          ) : null}
        </>
      ) : error ? null : (
        <p aria-busy="true">Reading…</p>
      )}
    </section>
  )
}
