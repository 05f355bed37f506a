/** What went wrong in one conversation and what to do about it (placeholder: the feature fills this in). */
export function InsightsPanel(_props: { docId: string }) {
  return null
}
