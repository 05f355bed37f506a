import './about.css'
import { Dialog } from '../../components/Dialog'
import { useStores, useView } from '../../stores/StoresContext'
import { AboutPanel } from './AboutPanel'
import { shortcutLabel, shortcutRows } from '../shortcuts/shortcutList'

export function AboutDialog() {
  const { view } = useStores()
  const open = useView((state) => state.aboutOpen)
  return (
    <Dialog title="Help and about" open={open} onClose={() => view.getState().setAboutOpen(false)}>
      <h3>Keyboard</h3>
      <p className="muted">{shortcutLabel('palette.open')} lists every command.</p>
      <dl className="shortcuts">
        {shortcutRows().map(({ keys, does }) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{does}</dd>
          </div>
        ))}
      </dl>
      <AboutPanel />
    </Dialog>
  )
}
