import { useEffect, useState } from 'react'
import type { SimulationView } from '../../../../shared/domains/summaries/contract'
import type { EditCommand } from '../../../../shared/model/edit'
import { errorText } from '../../api/describeError'
import { useEdit, useStores } from '../../stores/StoresContext'
import { CompactionForm, type CompactionFormValue } from './CompactionForm'
import { SimulationResult } from './SimulationResult'
import { CancelJobButton, JobStatus } from './JobStatus'
import { useJob } from './useJob'

/** The simulated list as one rebuild: unchanged originals kept (bytes and ids), new and changed ones as JSON. */
export function rebuildCommand(view: SimulationView): EditCommand {
  return {
    op: 'rebuild',
    messages: view.after.map((message) =>
      message.origin === null ? { json: message.json ?? '{}' } : { keep: message.origin },
    ),
  }
}

/** "Simulate compaction": the config, the run with progress and cancel, the result, and Apply. */
export function SimulationSection({ docId }: { docId: string }) {
  const stores = useStores()
  const [form, setForm] = useState<CompactionFormValue | null>(null)
  const [view, setView] = useState<SimulationView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [applied, setApplied] = useState<string | null>(null)
  const revision = useEdit((state) => state.states[docId]?.revision ?? null)
  const job = useJob()

  useEffect(() => {
    let live = true
    void stores.edit.getState().ensure(docId)
    stores.client
      .call('summary.compactionDefaults', {})
      .then((defaults) => {
        if (!live) return
        // The threshold last set here (the insights measure against it too) outlives the panel.
        const threshold = stores.view.getState().compactionThreshold
        const settings = threshold === null ? defaults : { ...defaults, threshold_tokens: threshold }
        setForm({ settings, summarizer: 'extractive', force: false, agentInstruction: '', provider: '' })
      })
      .catch((caught: unknown) => live && setError(errorText(caught)))
    return () => {
      live = false
    }
  }, [stores, docId])

  const changeForm = (next: CompactionFormValue) => {
    setForm(next)
    const threshold = next.settings.threshold_tokens
    if (Number.isFinite(threshold) && threshold > 0) stores.view.getState().setCompactionThreshold(threshold)
  }

  const simulate = async () => {
    if (!form) return
    setError(null)
    setApplied(null)
    try {
      const result = await job.run((jobId) =>
        stores.client.call('summary.simulate', {
          id: docId,
          jobId,
          settings: form.settings,
          summarizer: form.summarizer,
          force: form.force,
          ...(form.agentInstruction !== '' ? { agentInstruction: form.agentInstruction } : {}),
          ...(form.provider !== '' ? { provider: form.provider } : {}),
        }),
      )
      setView(result)
    } catch (caught) {
      setError(errorText(caught))
    }
  }

  const stale = view !== null && revision !== null && revision !== view.revision
  const canApply = view !== null && view.triggered && view.stages.length > 0 && !stale && applied === null

  const apply = async () => {
    if (!view) return
    const outcome = await stores.edit.getState().edit(docId, [rebuildCommand(view)])
    if (outcome.ok) {
      setApplied(`Applied: ${view.after.length} messages. Undo restores the ${view.before.length} before.`)
      setView(null)
    } else setError(outcome.message)
  }

  return (
    <section className="compaction-section" aria-labelledby="simulate-title" aria-busy={job.running}>
      <h3 id="simulate-title">Simulate compaction</h3>
      <p className="muted">What MARSYS’s compaction would do to this memory, before it happens.</p>
      {form ? <CompactionForm value={form} onChange={changeForm} disabled={job.running} /> : null}
      <div className="compaction-row">
        <button type="button" disabled={!form || job.running} onClick={() => void simulate()}>
          {job.running ? 'Simulating…' : 'Simulate'}
        </button>
        <CancelJobButton job={job} />
        {view ? (
          <button
            type="button"
            disabled={!canApply}
            title={stale ? 'The document changed since the simulation: simulate again' : undefined}
            onClick={() => void apply()}
          >
            Apply
          </button>
        ) : null}
      </div>
      <JobStatus job={job} error={error} done={applied} />
      {stale ? (
        <p role="status" className="severity-warning">
          The document changed since this simulation: simulate again to apply.
        </p>
      ) : null}
      {view ? <SimulationResult docId={docId} view={view} /> : null}
    </section>
  )
}
