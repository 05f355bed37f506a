import type { DocumentSummary } from '../../shared/model/document'

/** What to ask before a window closes or the app quits with unsaved edits; null when nothing is unsaved. */
export function unsavedEditsPrompt(documents: DocumentSummary[]): { message: string; detail: string } | null {
  const dirty = documents.filter((document) => document.dirty)
  if (dirty.length === 0) return null
  const names = dirty.slice(0, 10).map((document) => `• ${document.name}`)
  if (dirty.length > 10) names.push(`… and ${dirty.length - 10} more`)
  return {
    message:
      dirty.length === 1
        ? `${dirty[0].name} has unsaved edits.`
        : `${dirty.length} documents have unsaved edits.`,
    detail: `${names.join('\n')}\n\nQuit anyway and lose them?`,
  }
}
