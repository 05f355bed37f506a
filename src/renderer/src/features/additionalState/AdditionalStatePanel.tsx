import { useCallback } from 'react'
import { JsonTree } from '../../components/JsonTree'
import { useStores } from '../../stores/StoresContext'
import { useDocumentResource } from '../shared/useDocumentResource'
import { PlanChecklist } from './PlanChecklist'

/** `additional_state` as saved by the agent: the planning checklist when there is a plan, and the whole value. */
export function AdditionalStatePanel({ docId }: { docId: string }) {
  const stores = useStores()
  const fetchState = useCallback(
    (id: string) => stores.client.call('document.additionalState', { id }),
    [stores],
  )
  const { data, error } = useDocumentResource(docId, fetchState)
  if (error) return <p role="alert">Could not read additional_state: {error}</p>
  if (!data) return <p aria-busy="true">Loading…</p>
  if (!data.present) return <p className="empty-state">This file has no additional_state.</p>
  return (
    <div className="additional-state">
      {data.plan ? <PlanChecklist plan={data.plan} /> : null}
      <h3>additional_state</h3>
      <JsonTree value={data.value} label="additional_state" openDepth={2} />
    </div>
  )
}
