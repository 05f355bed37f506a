import './compare.css'
import { ProgressBar } from '../../components/ProgressBar'
import { ChangeList } from './ChangeList'
import { progressText, useComparison } from './useComparison'

/**
 * In the "changed on disk" dialog: how the file on disk differs from the edited document, so the user can choose
 * between Overwrite, Reload and Save as knowing what each keeps.
 */
export function ConflictDiff({ docId }: { docId: string }) {
  const { state, cancel } = useComparison(
    { kind: 'disk', id: docId },
    { kind: 'document', id: docId },
    `conflict:${docId}`,
  )
  return (
    <div className="conflict-diff">
      <h3 className="conflict-diff-title">On disk → your version</h3>
      {state.status === 'running' ? (
        <div className="compare-progress">
          <span>{progressText(state.progress)}</span>
          {state.progress ? (
            <ProgressBar label="Comparing" value={state.progress.done} max={state.progress.total} />
          ) : null}
          <button type="button" onClick={cancel}>
            Stop comparing
          </button>
        </div>
      ) : null}
      {state.status === 'error' ? <p className="severity-error">Could not compare: {state.message}</p> : null}
      {state.status === 'done' ? <ChangeList summary={state.summary} /> : null}
    </div>
  )
}
