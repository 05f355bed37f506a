import { useId } from 'react'
import {
  COMPACTION_SUMMARIZERS,
  type CompactionProcessor,
  type CompactionSettings,
  type CompactionSummarizer,
} from '../../../../shared/domains/summaries/contract'
import {
  COMPACTION_PROVIDERS,
  type CompactionProvider,
  retainedImageBudget,
} from '../../../../shared/domains/summaries/compactionProviders'

const SUMMARIZER_LABEL: Record<CompactionSummarizer, string> = {
  extractive: 'Extractive (offline)',
  llm: 'LLM, as MARSYS would',
  none: 'None (MARSYS without a model)',
}

const NUMBER_FIELDS: { key: keyof CompactionSettings; label: string; step?: number }[] = [
  { key: 'threshold_tokens', label: 'Threshold (tokens)' },
  { key: 'target_ratio', label: 'Target ratio', step: 0.05 },
  { key: 'max_tool_message_tokens', label: 'Max tool message tokens' },
  { key: 'tool_truncation_grace', label: 'Tool truncation grace' },
  { key: 'summarization_grace', label: 'Summarization grace' },
  { key: 'backward_packing_grace', label: 'Backward packing grace' },
]

export interface CompactionFormValue {
  settings: CompactionSettings
  summarizer: CompactionSummarizer
  force: boolean
  /** Sent with the summarization request as MARSYS's `[Agent Instruction]`; empty: none. */
  agentInstruction: string
  /** MARSYS's runtime provider; '': another or none (the default budget). */
  provider: CompactionProvider | ''
}

const imageBudget = (provider: CompactionProvider | null): string =>
  `${retainedImageBudget(provider) / 1_000_000} MB of images kept`

/** MARSYS's compaction config: threshold, target ratio, grace counts, processor order and switches. */
export function CompactionForm({
  value,
  onChange,
  disabled,
}: {
  value: CompactionFormValue
  onChange(value: CompactionFormValue): void
  disabled: boolean
}) {
  const { settings } = value
  const helpId = useId()
  const set = (patch: Partial<CompactionSettings>) =>
    onChange({ ...value, settings: { ...settings, ...patch } })
  const move = (index: number, by: -1 | 1) => {
    const order = [...settings.processor_order]
    const [name] = order.splice(index, 1)
    order.splice(index + by, 0, name)
    set({ processor_order: order })
  }
  const toggle = (name: CompactionProcessor, on: boolean) =>
    set({
      excluded_processors: on
        ? settings.excluded_processors.filter((p) => p !== name)
        : [...settings.excluded_processors, name],
    })
  return (
    <fieldset className="compaction-form" disabled={disabled}>
      <legend>Config</legend>
      <div className="compaction-grid">
        {NUMBER_FIELDS.map(({ key, label, step }) => (
          <label key={key}>
            {label}
            <input
              type="number"
              min={key === 'target_ratio' ? 0.05 : 0}
              max={key === 'target_ratio' ? 0.95 : undefined}
              step={step ?? 1}
              value={settings[key] as number}
              onChange={(event) => {
                const number = event.target.valueAsNumber
                if (Number.isFinite(number)) set({ [key]: number })
              }}
            />
          </label>
        ))}
        <label>
          Summarization model
          <select
            value={value.summarizer}
            onChange={(event) =>
              onChange({ ...value, summarizer: event.target.value as CompactionSummarizer })
            }
          >
            {COMPACTION_SUMMARIZERS.map((id) => (
              <option key={id} value={id}>
                {SUMMARIZER_LABEL[id]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="compaction-wide">
        Provider
        <select
          value={value.provider}
          aria-describedby={`${helpId}-provider`}
          onChange={(event) =>
            onChange({ ...value, provider: event.target.value as CompactionProvider | '' })
          }
        >
          <option value="">Other or none ({imageBudget(null)})</option>
          {COMPACTION_PROVIDERS.map((id) => (
            <option key={id} value={id}>
              {id} ({imageBudget(id)})
            </option>
          ))}
        </select>
      </label>
      <p id={`${helpId}-provider`} className="muted compaction-help">
        The agent’s provider sets how many image bytes summarization may keep.
      </p>
      <label className="compaction-wide">
        Agent instruction (optional)
        <textarea
          rows={2}
          value={value.agentInstruction}
          aria-describedby={`${helpId}-instruction`}
          onChange={(event) => onChange({ ...value, agentInstruction: event.target.value })}
        />
      </label>
      <p id={`${helpId}-instruction`} className="muted compaction-help">
        Sent with the summarization request as “[Agent Instruction]”, as MARSYS sends the agent’s own.
      </p>
      <ol className="compaction-processors" aria-label="Processor order">
        {settings.processor_order.map((name, index) => (
          <li key={name}>
            <label>
              <input
                type="checkbox"
                checked={!settings.excluded_processors.includes(name)}
                onChange={(event) => toggle(name, event.target.checked)}
              />{' '}
              {name}
            </label>
            <button
              type="button"
              className="icon"
              aria-label={`Move ${name} earlier`}
              disabled={index === 0}
              onClick={() => move(index, -1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="icon"
              aria-label={`Move ${name} later`}
              disabled={index === settings.processor_order.length - 1}
              onClick={() => move(index, 1)}
            >
              ↓
            </button>
          </li>
        ))}
      </ol>
      <label>
        <input
          type="checkbox"
          checked={value.force}
          onChange={(event) => onChange({ ...value, force: event.target.checked })}
        />{' '}
        Simulate even under the threshold
      </label>
    </fieldset>
  )
}
