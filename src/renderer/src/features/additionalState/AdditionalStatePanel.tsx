import './additionalState.css'
import { useCallback, useState } from 'react'
import { JsonTree } from '../../components/JsonTree'
import { useStores } from '../../stores/StoresContext'
import { useDocumentResource } from '../shared/useDocumentResource'
import { AdditionalStateEditor } from './AdditionalStateEditor'
import { PlanChecklist } from './PlanChecklist'

/** `additional_state` as saved by the agent: the planning checklist when there is a plan, and the whole value. */
export function AdditionalStatePanel({ docId }: { docId: string }) {
  const stores = useStores()
  const fetchState = useCallback(
    (id: string) => stores.client.call('document.additionalState', { id }),
    [stores],
  )
  const { data, error } = useDocumentResource(docId, fetchState)
  const [editing, setEditing] = useState(false)
  if (error) return <p role="alert">Could not read additional_state: {error}</p>
  if (!data) return <p aria-busy="true">Loading…</p>
  if (editing)
    return (
      <AdditionalStateEditor
        docId={docId}
        present={data.present}
        value={data.value}
        raw={data.raw}
        onDone={() => setEditing(false)}
      />
    )
  const edit = (
    <button type="button" className="small" onClick={() => setEditing(true)}>
      {data.present ? 'Edit additional_state' : 'Add additional_state'}
    </button>
  )
  if (!data.present)
    return (
      <div className="additional-state">
        <p className="empty-state">This file has no additional_state.</p>
        {edit}
      </div>
    )
  return (
    <div className="additional-state">
      {data.plan ? <PlanChecklist plan={data.plan} /> : null}
      <div className="part-header">
        <h3>additional_state</h3>
        {edit}
      </div>
      <JsonTree value={data.value} label="additional_state" openDepth={2} />
    </div>
  )
}
