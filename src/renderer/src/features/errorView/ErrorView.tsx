import './errorView.css'
import { useCallback } from 'react'
import type { DocumentErrorView } from '../../../../shared/model/document'
import { useStores } from '../../stores/StoresContext'
import { useDocumentResource } from '../shared/useDocumentResource'

/** Spaces up to the column (tabs kept, so the caret lines up under tabs too), then the caret. */
export function caretLine(text: string, column: number): string {
  return `${text.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, ' ')}^`
}

export function ErrorDetails({ error }: { error: DocumentErrorView }) {
  return (
    <>
      <p className="error-path">
        <code>{error.path}</code>
      </p>
      <p className="error-message">
        <strong>{error.message}</strong>
      </p>
      <dl className="error-facts">
        <dt>Position</dt>
        <dd className="error-position">
          line {error.line}, column {error.column}
        </dd>
        {error.expected ? (
          <>
            <dt>Expected</dt>
            <dd>{error.expected}</dd>
          </>
        ) : null}
      </dl>
      <div className="source-context" role="group" aria-label={`Source around line ${error.line}`}>
        {error.context.map(({ line, text }) => {
          const isError = line === error.line
          return (
            <div key={line}>
              <div
                className={`source-line ${isError ? 'error-line' : ''}`}
                aria-current={isError ? 'true' : undefined}
              >
                <span className="gutter" aria-hidden={!isError}>
                  {isError ? '▶' : ''} {line}
                </span>
                <code>{text}</code>
              </div>
              {isError ? (
                <div className="source-line caret-line" aria-label={`column ${error.column}`}>
                  <span className="gutter" />
                  <code>{caretLine(text, error.column)}</code>
                </div>
              ) : null}
            </div>
          )
        })}
      </div>
      <p className="verdict">
        <strong>MARSYS: </strong>
        {error.marsysVerdict}
      </p>
    </>
  )
}

/** A file that could not be parsed: where, what, the lines around it and MARSYS's verdict — never a blank page. */
export function ErrorView({ docId }: { docId: string }) {
  const stores = useStores()
  const fetchError = useCallback((id: string) => stores.client.call('document.error', { id }), [stores])
  const { data, error } = useDocumentResource(docId, fetchError)
  return (
    <section className="error-view" aria-label="File error">
      <h2>✖ This file cannot be read</h2>
      {error ? <p role="alert">Could not get the error details: {error}</p> : null}
      {data ? <ErrorDetails error={data} /> : !error ? <p aria-busy="true">Loading the error…</p> : null}
      <p className="muted">Fix the file on disk: it reloads by itself when it changes.</p>
    </section>
  )
}
