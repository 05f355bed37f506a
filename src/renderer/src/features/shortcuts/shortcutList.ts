import { actionById, APP_ACTIONS, CONTROL_KEYS, type KeyScope } from './appActions'
import { formatBinding } from './keyBinding'

export interface ShortcutRow {
  keys: string
  does: string
}

const WHERE: Partial<Record<KeyScope, string>> = {
  list: ' (in the message list)',
  editor: ' (in a message editor)',
}

/** Every key of the app, from the action registry and the controls' own keys: the Help dialog and docs list these. */
export function shortcutRows(): ShortcutRow[] {
  const rows: ShortcutRow[] = []
  for (const action of APP_ACTIONS) {
    if (action.keys.length === 0) continue
    const keys = action.keys
      .map((key) => {
        const own = key.scope !== undefined && key.scope !== action.scope
        return `${formatBinding(key)}${own && key.scope === 'outsideFields' ? ' (outside text fields)' : ''}`
      })
      .join(', ')
    const scopes = new Set(action.keys.map((key) => key.scope ?? action.scope))
    const where = scopes.size === 1 ? (WHERE[[...scopes][0]] ?? '') : ''
    rows.push({ keys, does: `${action.title}${where}` })
  }
  return [...rows, ...CONTROL_KEYS.map(({ keys, does }) => ({ keys, does }))]
}

/** The table docs/keyboard.md holds (a test keeps the two equal). */
export function shortcutMarkdown(): string {
  const escape = (text: string): string => text.replace(/\|/g, '\\|')
  const lines = ['| key | does |', '| --- | --- |']
  for (const row of shortcutRows()) lines.push(`| ${escape(row.keys)} | ${escape(row.does)} |`)
  return lines.join('\n')
}

/** An action's first key as written in tooltips ("Ctrl/Cmd+S"), from the registry. */
export function shortcutLabel(actionId: string): string {
  const [first] = actionById(actionId).keys
  return first ? formatBinding(first) : ''
}
