import './palette.css'
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { Dialog } from '../../components/Dialog'
import { useStores, useView } from '../../stores/StoresContext'
import { APP_ACTIONS, type AppAction } from '../shortcuts/appActions'
import { formatBinding } from '../shortcuts/keyBinding'
import { matchCommands } from './matchCommand'

const keysOf = (action: AppAction): string => action.keys.map((key) => formatBinding(key)).join(', ')
const PAGE = 8

function PaletteList({ onClose }: { onClose(): void }) {
  const stores = useStores()
  const listId = useId()
  const input = useRef<HTMLInputElement>(null)
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  // What can run is decided when the palette opens: nothing else changes while it has the focus.
  const reasons = useMemo(
    () => new Map(APP_ACTIONS.map((action) => [action.id, action.unavailable(stores)])),
    [stores],
  )
  const matches = useMemo(
    () => matchCommands(APP_ACTIONS, query, (action) => `${action.title} ${action.group} ${keysOf(action)}`),
    [query],
  )
  const optionId = (i: number): string => `${listId}-${i}`

  // The dialog focuses its first control when it opens; typing goes to the filter.
  useEffect(() => {
    const timer = setTimeout(() => input.current?.focus(), 0)
    return () => clearTimeout(timer)
  }, [])
  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' })
  })

  const run = (action: AppAction | undefined): void => {
    if (!action || reasons.get(action.id) !== null) return
    onClose()
    // After the dialog has closed and given the focus back, so an action that moves the focus keeps it.
    setTimeout(() => action.run(stores), 0)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    const last = matches.length - 1
    const moves: Record<string, number> = {
      ArrowDown: active >= last ? 0 : active + 1,
      ArrowUp: active <= 0 ? last : active - 1,
      PageDown: Math.min(last, active + PAGE),
      PageUp: Math.max(0, active - PAGE),
    }
    if (event.key in moves) {
      event.preventDefault()
      setActive(Math.max(0, moves[event.key]))
    } else if (event.key === 'Enter') {
      event.preventDefault()
      run(matches[active])
    }
  }

  return (
    <div className="palette">
      <input
        ref={input}
        type="text"
        role="combobox"
        aria-label="Command"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={matches.length > 0 ? optionId(active) : undefined}
        placeholder="Type to filter commands"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value)
          setActive(0)
        }}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="Commands" className="palette-list">
        {matches.map((action, i) => {
          const reason = reasons.get(action.id) ?? null
          const keys = keysOf(action)
          return (
            <li
              key={action.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              aria-disabled={reason !== null}
              className={`palette-option ${i === active ? 'active' : ''}`}
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => setActive(i)}
              onClick={() => run(action)}
            >
              <span className="palette-title">
                {action.title}
                {reason ? <span className="palette-reason"> — {reason}</span> : null}
              </span>
              <span className="palette-group">{action.group}</span>
              {keys ? <kbd>{keys}</kbd> : null}
            </li>
          )
        })}
      </ul>
      {matches.length === 0 ? <p className="muted">No command matches “{query}”.</p> : null}
    </div>
  )
}

/** Ctrl/Cmd+Shift+P: every action of the registry, filtered as you type; Enter runs one, Escape closes. */
export function CommandPalette() {
  const { view } = useStores()
  const open = useView((state) => state.paletteOpen)
  const close = (): void => view.getState().setPaletteOpen(false)
  return (
    <Dialog title="Commands" open={open} onClose={close} className="palette-dialog">
      {open ? <PaletteList onClose={close} /> : null}
    </Dialog>
  )
}
