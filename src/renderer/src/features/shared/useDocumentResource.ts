import { useEffect, useState } from 'react'
import { errorText } from '../../api/describeError'
import { useDocuments } from '../../stores/StoresContext'

export interface Resource<T> {
  data: T | null
  error: string | null
  loading: boolean
}

/**
 * Something computed by main for a whole document (lint, facts, additional_state, the error view), fetched when
 * shown and again whenever main says the document changed.
 */
export function useDocumentResource<T>(docId: string, fetch: (docId: string) => Promise<T>): Resource<T> {
  const changes = useDocuments((state) => state.changes[docId] ?? 0)
  const [state, setState] = useState<Resource<T> & { key: string }>({
    data: null,
    error: null,
    loading: true,
    key: '',
  })
  const key = `${docId}:${changes}`
  useEffect(() => {
    let cancelled = false
    fetch(docId).then(
      (data) => !cancelled && setState({ data, error: null, loading: false, key }),
      (error: unknown) =>
        !cancelled && setState({ data: null, error: errorText(error), loading: false, key }),
    )
    return () => {
      cancelled = true
    }
  }, [docId, key, fetch])
  // Keep showing the previous answer for this document while the new one is on its way.
  const sameDocument = state.key.startsWith(`${docId}:`)
  return {
    data: sameDocument ? state.data : null,
    error: sameDocument ? state.error : null,
    loading: state.key !== key,
  }
}
