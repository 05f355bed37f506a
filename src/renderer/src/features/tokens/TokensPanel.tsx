/** Token usage of one document: charts, budget, cost, biggest messages (placeholder: the feature fills this in). */
export function TokensPanel(_props: { docId: string }) {
  return null
}
