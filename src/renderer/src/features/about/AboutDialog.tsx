import './about.css'
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
  ['Ctrl/Cmd+click, Shift+click', 'add a message to the selection, select a range'],
  ['Delete', 'delete the selected messages'],
  ['Alt+↑ / Alt+↓', 'move the selected messages up / down'],
  ['Ctrl/Cmd+Z', 'undo (text fields keep their own undo)'],
  ['Shift+Ctrl/Cmd+Z, Ctrl+Y', 'redo'],
  ['Ctrl/Cmd+S / Ctrl/Cmd+Shift+S', 'save / save as'],
  ['Ctrl/Cmd+G', 'go to a message by its number'],
  ['Ctrl+Tab / Ctrl+Shift+Tab, Ctrl+PageDown / PageUp', 'next / previous document'],
  ['Ctrl/Cmd+W, Delete on a tab', 'close the document (asks first when it has unsaved edits)'],
  ['← / → in the tab strip', 'move between pages and documents'],
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
