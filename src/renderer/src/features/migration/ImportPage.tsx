/** The Import wizard: pick sources, dry-run report, run with progress, result (placeholder: the feature fills this in). */
export function ImportPage() {
  return null
}
