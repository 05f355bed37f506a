import './saving.css'
import { Dialog } from '../../components/Dialog'
import type { SaveStep } from '../../stores/saveFlowStore'
import { useDocuments, useSaveFlow, useStores } from '../../stores/StoresContext'
import { SavePathDialog } from './SavePathDialog'
import { ConflictDiff } from '../compare/ConflictDiff'

type Step<K extends SaveStep['kind']> = Extract<SaveStep, { kind: K }>

function UnloadableDialog({ step }: { step: Step<'unloadable'> }) {
  const { saveFlow } = useStores()
  return (
    <Dialog title="MARSYS would refuse this file" open onClose={() => saveFlow.getState().cancel()}>
      <p>MARSYS&apos;s loader would not load the file as it would be saved, because:</p>
      {step.problems.length > 0 ? (
        <ul className="problem-list" aria-label="Reasons">
          {step.problems.map((problem, i) => (
            <li key={i}>
              {problem.message} <code className="muted">{problem.path}</code>
            </li>
          ))}
        </ul>
      ) : (
        <p className="severity-error">{step.message}</p>
      )}
      <p className="muted">
        Fix the messages (the Lint panel lists them), or save anyway to keep working on it.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={() => saveFlow.getState().cancel()}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => void saveFlow.getState().saveAnyway()}>
          Save anyway
        </button>
      </div>
    </Dialog>
  )
}

function ConflictDialog({ step, name }: { step: Step<'conflict'>; name: string }) {
  const { saveFlow } = useStores()
  const missing = step.reason === 'missing-on-disk'
  return (
    <Dialog
      title={missing ? 'File deleted on disk' : 'File changed on disk'}
      open
      onClose={() => saveFlow.getState().cancel()}
      className="conflict-dialog"
    >
      <p>
        {missing
          ? `${name} was deleted or moved since it was opened.`
          : `${name} was changed by another program since it was opened or last saved.`}{' '}
        Your edits are not saved yet.
      </p>
      <ul className="choice-list">
        {missing ? null : (
          <li>
            <strong>Reload</strong> drops your edits and shows the file as it is now.
          </li>
        )}
        <li>
          <strong>Overwrite</strong> {missing ? 'writes the file again' : 'replaces the other change'} with
          your version.
        </li>
        <li>
          <strong>Save as…</strong> keeps the file as it is and writes your version to a new file.
        </li>
      </ul>
      {missing ? null : <ConflictDiff docId={step.docId} />}
      <div className="dialog-actions">
        <button type="button" onClick={() => saveFlow.getState().cancel()}>
          Cancel
        </button>
        {missing ? null : (
          <button type="button" onClick={() => void saveFlow.getState().reload()}>
            Reload
          </button>
        )}
        <button type="button" className="danger" onClick={() => void saveFlow.getState().overwrite()}>
          Overwrite
        </button>
        <button type="button" className="primary" onClick={() => void saveFlow.getState().saveAsInstead()}>
          Save as…
        </button>
      </div>
    </Dialog>
  )
}

function TargetExistsDialog({ step }: { step: Step<'targetExists'> }) {
  const { saveFlow } = useStores()
  return (
    <Dialog title="Replace the existing file?" open onClose={() => saveFlow.getState().cancel()}>
      <p>
        <code>{step.path}</code> already exists. Replace it with this document? Its previous content is kept
        as a .bak file next to it.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={() => saveFlow.getState().cancel()}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => void saveFlow.getState().overwrite()}>
          Overwrite
        </button>
      </div>
    </Dialog>
  )
}

function RevertDialog({ name }: { name: string }) {
  const { saveFlow } = useStores()
  return (
    <Dialog title="Revert to the saved file?" open onClose={() => saveFlow.getState().cancel()}>
      <p>Drop every unsaved edit in {name} and read the file from disk again? This cannot be undone.</p>
      <div className="dialog-actions">
        <button type="button" onClick={() => saveFlow.getState().cancel()}>
          Keep editing
        </button>
        <button type="button" className="danger" onClick={() => void saveFlow.getState().confirmRevert()}>
          Revert
        </button>
      </div>
    </Dialog>
  )
}

/** The dialog the save flow is waiting on, if any. */
export function SaveDialogs() {
  const step = useSaveFlow((flow) => flow.step)
  const docId = 'docId' in step ? step.docId : null
  const name = useDocuments((state) => (docId ? (state.summaries[docId]?.name ?? 'The file') : 'The file'))
  switch (step.kind) {
    case 'unloadable':
      return <UnloadableDialog step={step} />
    case 'conflict':
      return <ConflictDialog step={step} name={name} />
    case 'targetExists':
      return <TargetExistsDialog step={step} />
    case 'askPath':
      return (
        <SavePathDialog
          key={`${step.docId}:${step.defaultPath}`}
          defaultPath={step.defaultPath}
          error={step.error}
        />
      )
    case 'confirmRevert':
      return <RevertDialog name={name} />
    default:
      return null
  }
}
