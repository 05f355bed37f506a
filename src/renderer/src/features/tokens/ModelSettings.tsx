/** Model windows and prices, kept in the data folder (placeholder: the feature fills this in). */
export function ModelSettings() {
  return null
}
