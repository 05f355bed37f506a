import { useEffect, useState } from 'react'
import { useStores, useView } from '../../stores/StoresContext'

/**
 * The compaction threshold the "Summary & compaction" panel shows: the one last set in its form, else the default
 * it starts from (`summary.compactionDefaults`), so the report's "compact: N% of the threshold used" measures
 * against the same number. `undefined` while it
 * is asked for; `null` when it could not be read (the report then uses its own default).
 */
export function useCompactionThreshold(): number | null | undefined {
  const stores = useStores()
  const chosen = useView((state) => state.compactionThreshold)
  const [threshold, setThreshold] = useState<number | null | undefined>(undefined)
  useEffect(() => {
    let live = true
    stores.client.call('summary.compactionDefaults', {}).then(
      (settings) => live && setThreshold(settings.threshold_tokens),
      () => live && setThreshold(null),
    )
    return () => {
      live = false
    }
  }, [stores])
  return chosen ?? threshold
}
