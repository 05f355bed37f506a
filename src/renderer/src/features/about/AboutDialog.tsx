import { Dialog } from '../../components/Dialog'
import { useStores, useView } from '../../stores/StoresContext'
import { AboutPanel } from './AboutPanel'

const SHORTCUTS: [string, string][] = [
  ['↑ / ↓', 'select the previous / next message'],
  ['Enter', 'show or hide the selected message’s raw JSON'],
  ['Home / End', 'first / last message'],
  ['/ or Ctrl/Cmd+F', 'search'],
  ['Enter, F3 / Shift+Enter, Shift+F3', 'next / previous result'],
  ['Ctrl/Cmd+O', 'open (dialog in the desktop app, “Open path” in web mode)'],
  ['Escape', 'close dialogs'],
]

export function AboutDialog() {
  const { view } = useStores()
  const open = useView((state) => state.aboutOpen)
  return (
    <Dialog title="Help and about" open={open} onClose={() => view.getState().setAboutOpen(false)}>
      <h3>Keyboard</h3>
      <dl className="shortcuts">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <AboutPanel />
    </Dialog>
  )
}
