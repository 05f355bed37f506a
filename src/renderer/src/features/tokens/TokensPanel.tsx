import './tokenUsage.css'
import { useId, useMemo, useRef, useState } from 'react'
import { ProgressBar } from '../../components/ProgressBar'
import { formatCount } from '../../lib/format'
import { useStores } from '../../stores/StoresContext'
import { BudgetBar } from './BudgetBar'
import { Breakdowns } from './Breakdowns'
import { TopMessages } from './TopMessages'
import { UsageChart, type ChartMarker, type UsageChartHandle } from './UsageChart'
import { ModelPicker, useChosenModel, useModelTable } from './useModels'
import { useTokenUsage } from './useTokenUsage'
import { downloadFile, downloadText } from '../../lib/download'
import { counterLabel, formatUsd, usageCsv, usageSummary, type Counter } from './usageFigures'

/** Token usage of one document: chart and summary, context budget, cost, breakdowns and the biggest messages. */
export function TokensPanel({ docId }: { docId: string }) {
  const stores = useStores()
  const ids = useId()
  const { models } = useModelTable()
  const [model, setModel] = useChosenModel()
  const [counter, setCounter] = useState<Counter>('marsys')
  const { data: usage, error, loading, progress, cancel } = useTokenUsage(docId, model)
  const chart = useRef<UsageChartHandle>(null)
  const name = stores.documents.getState().summaries[docId]?.name ?? 'conversation'

  const markers = useMemo<ChartMarker[]>(() => {
    if (!usage) return []
    const styles = getComputedStyle(document.documentElement)
    return [
      {
        label: `threshold ${formatCount(usage.budget.marsys.thresholdTokens)}`,
        value: usage.budget.marsys.thresholdTokens,
        color: styles.getPropertyValue('--error').trim(),
      },
      {
        label: `compaction target ${formatCount(usage.budget.marsys.compactionTargetTokens)}`,
        value: usage.budget.marsys.compactionTargetTokens,
        color: styles.getPropertyValue('--ok').trim(),
      },
    ]
  }, [usage])
  const values = usage?.messages[counter]
  const summary = useMemo(() => (usage ? usageSummary(usage, counter) : []), [usage, counter])

  return (
    <div className="tokens-panel" aria-busy={loading}>
      <div className="tokens-controls">
        <ModelPicker id={`${ids}-model`} models={models} value={model} onChange={setModel} />
        <span className="model-picker">
          <label htmlFor={`${ids}-counter`}>Count</label>
          <select
            id={`${ids}-counter`}
            value={counter}
            onChange={(e) => setCounter(e.target.value as Counter)}
          >
            <option value="marsys">MARSYS</option>
            <option value="bpe">{usage?.model.encoding ?? 'BPE'}</option>
          </select>
        </span>
      </div>
      {progress && (
        <div className="tokens-progress">
          <ProgressBar label="Counting tokens" value={progress.done} max={progress.total} />
          <span className="muted">
            {formatCount(progress.done)} of {formatCount(progress.total)} messages
          </span>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      )}
      {error && <p role="alert">Could not count tokens: {error}</p>}
      {!usage && !error && <p aria-busy="true">Counting tokens…</p>}
      {usage && values && (
        <>
          <section aria-labelledby={`${ids}-chart`}>
            <h3 id={`${ids}-chart`}>Tokens per message</h3>
            <div className="tokens-summary" id={`${ids}-summary`} data-testid="tokens-summary">
              {summary.map((line) => (
                <p key={line}>{line}</p>
              ))}
            </div>
            <UsageChart
              ref={chart}
              values={values}
              markers={counter === 'marsys' ? markers : []}
              label={`${counterLabel(usage, counter)} per message and running total`}
              describedBy={`${ids}-summary`}
              describe={(i) =>
                `Message ${i} (${usage.messages.roles[i] || 'no role'}): ${formatCount(values[i])} ${counterLabel(usage, counter)}, ` +
                `${formatUsd(usage.messages.costInput[i])} in${usage.messages.costOutput[i] > 0 ? `, ${formatUsd(usage.messages.costOutput[i])} out` : ''}`
              }
              onPick={(i) => stores.view.getState().jumpTo(docId, i)}
            />
            <div className="tokens-actions">
              <button
                type="button"
                onClick={() => {
                  const png = chart.current?.png()
                  if (png) downloadFile(`${name}-tokens.png`, png)
                }}
              >
                Export PNG
              </button>
              <button
                type="button"
                onClick={() => downloadText(`${name}-tokens.csv`, usageCsv(usage), 'text/csv')}
              >
                Export CSV
              </button>
            </div>
          </section>
          <BudgetBar budget={usage.budget} />
          <section aria-labelledby={`${ids}-cost`}>
            <h3 id={`${ids}-cost`}>Cost</h3>
            <p data-testid="tokens-cost">
              Sent once as a prompt to {usage.model.id}: {formatUsd(usage.cost.prompt)} (
              {formatCount(usage.cost.promptTokens)} tokens). The assistant messages cost{' '}
              {formatUsd(usage.cost.generated)} to generate. Prices as of {usage.cost.pricesAsOf}.
            </p>
          </section>
          <Breakdowns usage={usage} />
          <TopMessages docId={docId} usage={usage} counter={counter} />
        </>
      )}
    </div>
  )
}
