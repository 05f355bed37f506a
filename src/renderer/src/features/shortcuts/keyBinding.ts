/** What a key handler needs of a keyboard event (tests build these by hand). */
export type ShortcutEvent = Pick<
  KeyboardEvent,
  'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'target'
> &
  Partial<Pick<KeyboardEvent, 'defaultPrevented'>>

/** One key combination. */
export interface KeyBinding {
  /** `KeyboardEvent.key`; letters match either case. */
  key: string
  /** Ctrl on Windows and Linux, Cmd on macOS (either is accepted everywhere). */
  mod?: boolean
  /** Ctrl itself (Ctrl+Tab: Cmd+Tab belongs to macOS). */
  ctrl?: boolean
  /** `'any'`: pressed or not (a `/` needs Shift on some keyboard layouts). */
  shift?: boolean | 'any'
  alt?: boolean
}

export function matchesBinding(binding: KeyBinding, event: ShortcutEvent): boolean {
  if (event.key.toLowerCase() !== binding.key.toLowerCase()) return false
  if (binding.ctrl) {
    if (!event.ctrlKey || event.metaKey) return false
  } else if (binding.mod) {
    if (!event.ctrlKey && !event.metaKey) return false
  } else if (event.ctrlKey || event.metaKey) return false
  if (binding.shift !== 'any' && event.shiftKey !== (binding.shift ?? false)) return false
  return event.altKey === (binding.alt ?? false)
}

const KEY_NAMES: Record<string, string> = {
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
  ' ': 'Space',
}

/** How the key is written in menus and docs: `Ctrl/Cmd+Shift+P`, `Alt+↑`, `F3`. */
export function formatBinding(binding: KeyBinding): string {
  const parts: string[] = []
  if (binding.ctrl) parts.push('Ctrl')
  else if (binding.mod) parts.push('Ctrl/Cmd')
  if (binding.alt) parts.push('Alt')
  if (binding.shift === true) parts.push('Shift')
  const key = KEY_NAMES[binding.key] ?? (binding.key.length === 1 ? binding.key.toUpperCase() : binding.key)
  parts.push(key)
  return parts.join('+')
}
