import './tokenUsage.css'
import { useEffect, useId, useState } from 'react'
import type { ModelEntry, ModelInfoView } from '../../../../shared/domains/tokens/contract'
import { errorText } from '../../api/describeError'
import { useStores } from '../../stores/StoresContext'
import { useModelTable } from './useModels'

const entryOf = (model: ModelInfoView): ModelEntry => ({
  context_window: model.contextWindow,
  encoding: model.encoding,
  input_per_million: model.inputPerMillion,
  output_per_million: model.outputPerMillion,
  prices_as_of: model.pricesAsOf,
})

const today = (): string => new Date().toISOString().slice(0, 10)

const NUMBER_FIELDS: { key: 'context_window' | 'input_per_million' | 'output_per_million'; label: string }[] =
  [
    { key: 'context_window', label: 'context window' },
    { key: 'input_per_million', label: 'input USD per million' },
    { key: 'output_per_million', label: 'output USD per million' },
  ]

/**
 * The model table (context windows, encodings and prices) as an editable grid. Saving writes the rows that differ
 * from the shipped defaults to `model-windows.json` in the data folder; main validates before writing.
 */
export function ModelSettings() {
  const { client } = useStores()
  const ids = useId()
  const { models, overrideFile, error, reload } = useModelTable()
  const [rows, setRows] = useState<Record<string, ModelEntry>>({})
  const [touched, setTouched] = useState<Set<string>>(new Set())
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null)
  const [newId, setNewId] = useState('')

  useEffect(() => {
    setRows(Object.fromEntries(models.map((model) => [model.id, entryOf(model)])))
    setTouched(new Set(models.filter((model) => model.overridden).map((model) => model.id)))
  }, [models])

  const update = (id: string, patch: Partial<ModelEntry>): void => {
    setRows((current) => ({ ...current, [id]: { ...current[id], ...patch } }))
    setTouched((current) => new Set(current).add(id))
  }
  const numberCell = (id: string, row: ModelEntry, { key, label }: (typeof NUMBER_FIELDS)[number]) => (
    <td key={key}>
      <input
        type="number"
        min={0}
        step="any"
        aria-label={`${id} ${label}`}
        value={row[key]}
        onChange={(event) => update(id, { [key]: Number(event.target.value) })}
      />
    </td>
  )
  const add = (): void => {
    const id = newId.trim()
    if (!id || rows[id]) return
    update(id, {
      context_window: 128_000,
      encoding: 'o200k_base',
      input_per_million: 0,
      output_per_million: 0,
      prices_as_of: today(),
    })
    setNewId('')
  }
  const save = async (): Promise<void> => {
    setStatus(null)
    try {
      const overrides = Object.fromEntries([...touched].map((id) => [id, rows[id]]))
      const saved = await client.call('tokens.saveModels', { models: overrides })
      setStatus({ ok: true, text: `Saved to ${saved.overrideFile ?? 'the data folder'}.` })
      reload()
    } catch (failure) {
      setStatus({ ok: false, text: errorText(failure) })
    }
  }

  return (
    <section aria-labelledby={`${ids}-title`} className="model-table">
      <h2 id={`${ids}-title`}>Models and prices</h2>
      <p className="muted">
        Context windows and list prices (USD per million tokens) used by the context budget and costs.
        {overrideFile
          ? ` Your changes are kept in ${overrideFile}.`
          : ' Changes are kept in the data folder.'}
      </p>
      {error && <p role="alert">{error}</p>}
      <table>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Context window</th>
            <th scope="col">Encoding</th>
            <th scope="col">Input $/M</th>
            <th scope="col">Output $/M</th>
            <th scope="col">Prices as of</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(rows).map(([id, row]) => (
            <tr key={id}>
              <th scope="row">
                {id}
                {touched.has(id) ? ' *' : ''}
              </th>
              {numberCell(id, row, NUMBER_FIELDS[0])}
              <td>
                <select
                  aria-label={`${id} encoding`}
                  value={row.encoding}
                  onChange={(event) => update(id, { encoding: event.target.value as ModelEntry['encoding'] })}
                >
                  <option value="o200k_base">o200k_base</option>
                  <option value="cl100k_base">cl100k_base</option>
                </select>
              </td>
              {NUMBER_FIELDS.slice(1).map((field) => numberCell(id, row, field))}
              <td>
                <input
                  type="text"
                  aria-label={`${id} prices as of`}
                  value={row.prices_as_of}
                  onChange={(event) => update(id, { prices_as_of: event.target.value })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="tokens-controls">
        <label htmlFor={`${ids}-new`}>New model</label>
        <input id={`${ids}-new`} value={newId} onChange={(event) => setNewId(event.target.value)} />
        <button type="button" onClick={add} disabled={!newId.trim() || Boolean(rows[newId.trim()])}>
          Add
        </button>
        <button type="button" onClick={() => void save()} disabled={touched.size === 0}>
          Save models
        </button>
      </div>
      {status && (
        <p role={status.ok ? 'status' : 'alert'} className={status.ok ? undefined : 'budget-over'}>
          {status.text}
        </p>
      )}
    </section>
  )
}
