/** Export… of a file or session to another format (placeholder: the feature fills this in). */
export function ExportButton(_props: { docId: string }) {
  return null
}
