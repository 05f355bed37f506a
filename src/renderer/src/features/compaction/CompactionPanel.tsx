/** Summaries of one document and MARSYS compaction simulated before it happens (placeholder: the feature fills this in). */
export function CompactionPanel(_props: { docId: string }) {
  return null
}
