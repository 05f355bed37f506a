import { useMemo } from 'react'
import type { TextMatcher } from '../../../../shared/search/textMatcher'
import { compileHighlight } from '../../lib/highlight'
import { useSearch } from '../../stores/StoresContext'

/** The pattern of the search that last ran, when it covers this document: cards mark its matches. */
export function useHighlightPattern(docId: string): TextMatcher | null {
  const executed = useSearch((state) => state.executed)
  return useMemo(() => {
    if (!executed || (executed.scope === 'document' && executed.documentId !== docId)) return null
    return compileHighlight(executed)
  }, [executed, docId])
}
