/**
 * Where the LLM summarizer's endpoint, model and key come from. The key is read through a SecretStore — the
 * environment in the CLI and web mode; the desktop app supplies one backed by Electron's safeStorage — and is only
 * ever sent to the endpoint: it is not logged, not put in messages and not written anywhere by this module.
 */
import { LlmError } from './llmError'

export const LLM_API_KEY_ENV = 'MEMORY_INSPECTOR_LLM_API_KEY'
export const LLM_BASE_URL_ENV = 'MEMORY_INSPECTOR_LLM_BASE_URL'
export const LLM_MODEL_ENV = 'MEMORY_INSPECTOR_LLM_MODEL'

/** Holds the API key. `set`/`clear` are optional: the environment cannot be written. */
export interface SecretStore {
  getApiKey(): Promise<string | null>
  setApiKey?(key: string): Promise<void>
  clearApiKey?(): Promise<void>
}

/** The key from MEMORY_INSPECTOR_LLM_API_KEY (an empty value counts as none). */
export function envSecretStore(env: NodeJS.ProcessEnv = process.env): SecretStore {
  return { getApiKey: async () => env[LLM_API_KEY_ENV] || null }
}

/** An OpenAI-compatible endpoint: requests go to `POST {baseUrl}/chat/completions`. */
export interface LlmSettings {
  baseUrl: string
  model: string
  apiKey: string | null
}

export interface LlmSettingsInput {
  baseUrl?: string
  model?: string
}

/** `https://host/v1/` → `https://host/v1`; refuses anything but an http(s) URL. */
export function normalizeBaseUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new LlmError('config', `LLM base URL "${value}" is not a URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new LlmError('config', `LLM base URL must be http or https, got ${url.protocol}`)
  if (url.username || url.password)
    throw new LlmError('config', 'LLM base URL must not contain a user name or password')
  return url.href.replace(/\/+$/, '')
}

/**
 * Settings from the given values, else the environment. A missing base URL or model is an error naming the flag
 * and the variable; a missing key is allowed (local servers often need none).
 */
export async function resolveLlmSettings(
  input: LlmSettingsInput,
  secrets: SecretStore,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LlmSettings> {
  const baseUrl = input.baseUrl || env[LLM_BASE_URL_ENV]
  const model = input.model || env[LLM_MODEL_ENV]
  if (!baseUrl)
    throw new LlmError('config', `no LLM base URL: give --llm-base-url or set ${LLM_BASE_URL_ENV}`)
  if (!model) throw new LlmError('config', `no LLM model: give --llm-model or set ${LLM_MODEL_ENV}`)
  return { baseUrl: normalizeBaseUrl(baseUrl), model, apiKey: await secrets.getApiKey() }
}
