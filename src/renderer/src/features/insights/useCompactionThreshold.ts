import { useEffect, useState } from 'react'
import { useStores } from '../../stores/StoresContext'

/**
 * The compaction threshold the "Summary & compaction" panel starts from (`summary.compactionDefaults`), so the
 * report's "compact: N% of the threshold used" measures against the number that panel shows. `undefined` while it
 * is asked for; `null` when it could not be read (the report then uses its own default).
 */
export function useCompactionThreshold(): number | null | undefined {
  const stores = useStores()
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
  return threshold
}
