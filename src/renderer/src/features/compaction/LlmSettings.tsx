/** The OpenAI-compatible endpoint the llm summarizer uses (base URL, model, API key) (placeholder: the feature fills this in). */
export function LlmSettings() {
  return null
}
