/** Token usage across open files and the store's sessions (placeholder: the feature fills this in). */
export function UsagePage() {
  return null
}
