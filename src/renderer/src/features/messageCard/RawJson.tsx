import { CopyButton } from '../../components/CopyButton'

/** The message's bytes exactly as they are in the file. */
export function RawJson({ index, raw }: { index: number; raw: string }) {
  return (
    <section className="raw-json" aria-label={`Raw JSON of message ${index}`}>
      <div className="part-header">
        <span className="chip">raw JSON, exactly as in the file</span>
        <CopyButton text={raw} label="Copy raw JSON" />
      </div>
      <pre>{raw}</pre>
    </section>
  )
}
