/** An OpenAI-compatible chat endpoint, and where its settings and key come from. */
export { chatCompletion, type ChatOptions, type ChatProgress, type ChatRequest } from './chatCompletion'
export { LlmError, type LlmErrorKind } from './llmError'
export {
  LLM_API_KEY_ENV,
  LLM_BASE_URL_ENV,
  LLM_MODEL_ENV,
  envSecretStore,
  normalizeBaseUrl,
  resolveLlmSettings,
  type LlmSettings,
  type LlmSettingsInput,
  type SecretStore,
} from './llmSettings'
