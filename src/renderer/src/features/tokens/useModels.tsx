import { useCallback, useEffect, useState } from 'react'
import type { ModelInfoView } from '../../../../shared/domains/tokens/contract'
import { errorText } from '../../api/describeError'
import { useStores } from '../../stores/StoresContext'

const MODEL_KEY = 'memory-inspector.tokenModel'
export const DEFAULT_MODEL = 'gpt-4o'

/** The model table from main (defaults plus the data folder's overrides). */
export function useModelTable(): {
  models: ModelInfoView[]
  overrideFile: string | null
  error: string | null
  reload: () => void
} {
  const { client } = useStores()
  const [state, setState] = useState<{
    models: ModelInfoView[]
    overrideFile: string | null
    error: string | null
  }>({
    models: [],
    overrideFile: null,
    error: null,
  })
  const [version, setVersion] = useState(0)
  useEffect(() => {
    let cancelled = false
    client.call('tokens.models', {}).then(
      (table) => !cancelled && setState({ ...table, error: null }),
      (error: unknown) => !cancelled && setState((s) => ({ ...s, error: errorText(error) })),
    )
    return () => {
      cancelled = true
    }
  }, [client, version])
  const reload = useCallback(() => setVersion((v) => v + 1), [])
  return { ...state, reload }
}

/** The model the budget and costs are for, remembered between sessions of the app. */
export function useChosenModel(): [string, (model: string) => void] {
  const [model, setModel] = useState(() => localStorage.getItem(MODEL_KEY) ?? DEFAULT_MODEL)
  const choose = useCallback((next: string) => {
    localStorage.setItem(MODEL_KEY, next)
    setModel(next)
  }, [])
  return [model, choose]
}

export function ModelPicker({
  models,
  value,
  onChange,
  id,
}: {
  models: ModelInfoView[]
  value: string
  onChange: (model: string) => void
  id: string
}) {
  return (
    <span className="model-picker">
      <label htmlFor={id}>Model</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {models.length === 0 && <option value={value}>{value}</option>}
        {models.map((model) => (
          <option key={model.id} value={model.id}>
            {model.id}
          </option>
        ))}
      </select>
    </span>
  )
}
