import { useCallback, useEffect, useRef, useState } from 'react'
import type { CompareRow } from '../../../../shared/domains/compare/model'
import { useStores } from '../../stores/StoresContext'

/** Rows fetched at a time as the view scrolls. */
export const ROWS_PER_WINDOW = 50

/**
 * The aligned rows of one comparison, fetched from main in windows as they come into view (never all of them):
 * `ensure(first, last)` asks for the windows covering those rows, `row(r)` reads what has arrived.
 */
export function useRowWindows(compareId: string) {
  const { client } = useStores()
  const windows = useRef(new Map<number, CompareRow[] | 'pending'>())
  const [, setVersion] = useState(0)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    windows.current = new Map()
    setError(null)
    setVersion((v) => v + 1)
  }, [compareId])

  const ensure = useCallback(
    (first: number, last: number) => {
      for (let w = Math.floor(first / ROWS_PER_WINDOW); w <= Math.floor(last / ROWS_PER_WINDOW); w++) {
        if (windows.current.has(w)) continue
        const map = windows.current
        map.set(w, 'pending')
        client.call('compare.rows', { compareId, offset: w * ROWS_PER_WINDOW, limit: ROWS_PER_WINDOW }).then(
          (result) => {
            if (windows.current !== map) return
            map.set(w, result.rows)
            setVersion((v) => v + 1)
          },
          (reason: unknown) => {
            if (windows.current !== map) return
            map.delete(w)
            setError(reason instanceof Error ? reason.message : String(reason))
          },
        )
      }
    },
    [client, compareId],
  )

  const row = (r: number): CompareRow | undefined => {
    const window = windows.current.get(Math.floor(r / ROWS_PER_WINDOW))
    return window === undefined || window === 'pending' ? undefined : window[r % ROWS_PER_WINDOW]
  }

  return { ensure, row, error }
}
