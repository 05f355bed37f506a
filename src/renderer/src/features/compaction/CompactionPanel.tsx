import './compaction.css'
import { SimulationSection } from './SimulationSection'
import { SummarySection } from './SummarySection'

/** Summaries of one document and MARSYS compaction simulated before it happens. */
export function CompactionPanel({ docId }: { docId: string }) {
  return (
    <div className="compaction-panel">
      <SummarySection key={`summary-${docId}`} docId={docId} />
      <SimulationSection key={`simulate-${docId}`} docId={docId} />
    </div>
  )
}
