import { useEffect } from 'react'
import { useDocuments } from '../../stores/StoresContext'

export const APP_TITLE = 'Memory Inspector'

/** "• name — Memory Inspector" while the document on screen has unsaved edits (Electron shows it as the window title). */
export function windowTitle(name: string | null, dirty: boolean): string {
  if (name === null) return APP_TITLE
  return `${dirty ? '• ' : ''}${name} — ${APP_TITLE}`
}

export function useWindowTitle(): void {
  const name = useDocuments((state) =>
    state.activeId ? (state.summaries[state.activeId]?.name ?? null) : null,
  )
  const dirty = useDocuments((state) =>
    state.activeId ? (state.summaries[state.activeId]?.dirty ?? false) : false,
  )
  useEffect(() => {
    document.title = windowTitle(name, dirty)
  }, [name, dirty])
}
