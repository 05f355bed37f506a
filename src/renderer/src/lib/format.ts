const integer = new Intl.NumberFormat('en-US')

export const formatCount = (value: number): string => integer.format(value)

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KB', 'MB', 'GB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`
}

export function formatDate(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '—'
  const date = new Date(ms)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** "system 1 · user 4 · assistant 5", most frequent first. */
export function formatRoles(roles: Record<string, number>): string {
  return Object.entries(roles)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([role, count]) => `${role} ${formatCount(count)}`)
    .join(' · ')
}

/** "image/png" → "png". */
export const shortMime = (mime: string): string => mime.replace(/^image\//, '')

const KNOWN_ROLES = new Set(['system', 'user', 'assistant', 'tool'])

/** The CSS class that colours a role; anything unusual is styled as "other". */
export const roleClass = (role: string): string => `role-${KNOWN_ROLES.has(role) ? role : 'other'}`

export function prettyJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value)
  } catch {
    return String(value)
  }
}
