import './compaction.css'
import { useEffect, useState } from 'react'
import type { LlmSettingsView } from '../../../../shared/domains/summaries/contract'
import { errorText } from '../../api/describeError'
import { useStores } from '../../stores/StoresContext'
import { CancelJobButton } from './JobStatus'
import { useJob } from './useJob'

type Status = { level: 'ok' | 'error'; text: string } | null

/** The OpenAI-compatible endpoint the llm summarizer uses: base URL, model, time limit and the API key. */
export function LlmSettings() {
  const { client } = useStores()
  const [saved, setSaved] = useState<LlmSettingsView | null>(null)
  const [baseUrl, setBaseUrl] = useState('')
  const [model, setModel] = useState('')
  const [timeoutSeconds, setTimeoutSeconds] = useState(120)
  const [key, setKey] = useState('')
  const [status, setStatus] = useState<Status>(null)
  const [busy, setBusy] = useState(false)
  const test = useJob()

  const show = (view: LlmSettingsView) => {
    setSaved(view)
    setBaseUrl(view.baseUrl)
    setModel(view.model)
    setTimeoutSeconds(view.timeoutSeconds)
  }

  useEffect(() => {
    client
      .call('summary.llmSettings', {})
      .then(show)
      .catch((error: unknown) => setStatus({ level: 'error', text: errorText(error) }))
  }, [client])

  const save = async (keyChange: { apiKey?: string; clearApiKey?: boolean } = {}) => {
    setBusy(true)
    setStatus(null)
    try {
      show(await client.call('summary.setLlmSettings', { baseUrl, model, timeoutSeconds, ...keyChange }))
      setKey('')
      setStatus({ level: 'ok', text: keyChange.clearApiKey ? 'Key removed.' : 'Saved.' })
    } catch (error) {
      setStatus({ level: 'error', text: errorText(error) })
    } finally {
      setBusy(false)
    }
  }

  const testConnection = async () => {
    setStatus(null)
    try {
      const reply = await test.run((jobId) => client.call('summary.testLlm', { jobId }))
      setStatus({ level: 'ok', text: `Connected: ${reply.model} answered “${reply.reply}”.` })
    } catch (error) {
      setStatus({ level: 'error', text: errorText(error) })
    }
  }

  const writable = saved?.keyWritable ?? false
  return (
    <section className="settings-section" aria-labelledby="llm-settings-title">
      <h2 id="llm-settings-title">LLM for summaries</h2>
      <p className="muted">
        Any OpenAI-compatible endpoint (<code>POST {'{base URL}'}/chat/completions</code>), used by the “LLM”
        summarizer and by simulated compaction. Empty fields fall back to{' '}
        <code>MEMORY_INSPECTOR_LLM_BASE_URL</code> and <code>MEMORY_INSPECTOR_LLM_MODEL</code>.
      </p>
      <form
        className="llm-settings-form"
        onSubmit={(event) => {
          event.preventDefault()
          void save(key ? { apiKey: key } : {})
        }}
      >
        <label>
          Base URL
          <input
            type="url"
            value={baseUrl}
            placeholder="https://api.openai.com/v1"
            onChange={(event) => setBaseUrl(event.target.value)}
          />
        </label>
        <label>
          Model
          <input value={model} placeholder="gpt-4o-mini" onChange={(event) => setModel(event.target.value)} />
        </label>
        <label>
          Time limit (seconds)
          <input
            type="number"
            min={1}
            max={3600}
            value={timeoutSeconds}
            onChange={(event) =>
              Number.isFinite(event.target.valueAsNumber) && setTimeoutSeconds(event.target.valueAsNumber)
            }
          />
        </label>
        <label>
          API key {saved?.keySet ? '(set)' : '(not set)'}
          <input
            type="password"
            autoComplete="off"
            value={key}
            disabled={!writable}
            placeholder={
              writable ? (saved?.keySet ? 'Enter a new key to replace it' : 'sk-…') : 'from the environment'
            }
            onChange={(event) => setKey(event.target.value)}
          />
        </label>
        <div className="compaction-row">
          <button type="submit" disabled={busy}>
            {key ? 'Save with key' : 'Save'}
          </button>
          {writable && saved?.keySet ? (
            <button
              type="button"
              className="small"
              disabled={busy}
              onClick={() => void save({ clearApiKey: true })}
            >
              Clear key
            </button>
          ) : null}
          <button
            type="button"
            className="small"
            disabled={test.running}
            onClick={() => void testConnection()}
          >
            {test.running ? 'Testing…' : 'Test connection'}
          </button>
          <CancelJobButton job={test} />
        </div>
      </form>
      <p className="muted">
        {writable
          ? 'The key is encrypted with the system keychain (Electron safeStorage) in the data folder; it is never shown again or written in clear.'
          : 'In web mode and the command line the key comes from MEMORY_INSPECTOR_LLM_API_KEY, set when the server starts; it is never stored by the app.'}
      </p>
      {status ? (
        <p
          role={status.level === 'error' ? 'alert' : 'status'}
          className={status.level === 'error' ? 'severity-error' : 'muted'}
        >
          {status.text}
        </p>
      ) : null}
    </section>
  )
}
