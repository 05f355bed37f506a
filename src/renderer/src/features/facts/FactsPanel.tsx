import './facts.css'
import { useCallback } from 'react'
import { useStores } from '../../stores/StoresContext'
import { useDocumentResource } from '../shared/useDocumentResource'
import { BreakableText } from './BreakableText'

/** A `kg` memory's facts, parsed back from their `Fact (<role>): s p o.` renderings. */
export function FactsPanel({ docId }: { docId: string }) {
  const stores = useStores()
  const fetchFacts = useCallback((id: string) => stores.client.call('document.facts', { id }), [stores])
  const { data: facts, error } = useDocumentResource(docId, fetchFacts)
  if (error) return <p role="alert">Could not read the facts: {error}</p>
  if (!facts) return <p aria-busy="true">Loading…</p>
  if (facts.length === 0) return <p className="empty-state">No facts in this memory.</p>
  return (
    <div className="facts-scroll">
      <table className="data-table facts-table" aria-label="Facts">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Role</th>
            <th scope="col">Subject</th>
            <th scope="col">Predicate</th>
            <th scope="col">Object</th>
            <th scope="col">Ambiguous</th>
          </tr>
        </thead>
        <tbody>
          {facts.map((fact) => (
            <tr key={fact.index} className={fact.ambiguous ? 'ambiguous' : ''} title={fact.text}>
              <td>
                <button
                  type="button"
                  className="link"
                  aria-label={`Go to message ${fact.index}`}
                  onClick={() => stores.view.getState().jumpTo(docId, fact.index)}
                >
                  {fact.index}
                </button>
              </td>
              <td>{fact.role}</td>
              <td>
                <BreakableText text={fact.subject} />
              </td>
              <td>
                <BreakableText text={fact.predicate} />
              </td>
              <td>
                <BreakableText text={fact.object} />
              </td>
              <td>{fact.ambiguous ? <span className="chip severity-warning">ambiguous</span> : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
