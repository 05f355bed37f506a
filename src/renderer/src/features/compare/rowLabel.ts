import type { CompareRow } from '../../../../shared/domains/compare/model'

/** "Message 2 (user) changed", "Message 5 (tool) added": positions as the user sees them, 0-based like the app. */
export function rowLabel(row: CompareRow): string {
  const message = row.right ?? row.left
  if (!message) return row.kind
  const at =
    row.kind === 'changed' && row.left && row.right && row.left.index !== row.right.index
      ? `${row.left.index} → ${row.right.index}`
      : `${message.index}`
  return `Message ${at} (${message.role}) ${row.kind}`
}
