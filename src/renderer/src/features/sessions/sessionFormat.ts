import { formatDate } from '../../lib/format'

/** An ISO datetime from the store as the app shows dates (local time, to the minute). */
export const formatIso = (iso: string | null | undefined): string => (iso ? formatDate(Date.parse(iso)) : '—')

/** "a, b ,, c" → ["a", "b", "c"]: tags as typed in one field, without blanks or repeats. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
  return [...new Set(tags)]
}

/** The text of an optional id field: blank means none. */
export const optionalText = (text: string): string | null => (text.trim() === '' ? null : text.trim())
