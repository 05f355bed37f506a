/** The app's LLM endpoint (Settings, else MEMORY_INSPECTOR_LLM_*; the key from the secret store) for handlers. */
import { AppError } from '../engine/appError'
import { LlmError } from '../engine/llm/llmError'
import { resolveLlmSettings, type SecretStore } from '../engine/llm/llmSettings'
import { readLlmSettingsFile } from '../engine/llm/llmSettingsFile'
import type { TaskLlm } from '../engine/summaries/summaryTask'

/** One clear message for an LLM failure; the key is never part of it (chatCompletion blanks echoes). */
export function llmAppError(error: LlmError, what: string): AppError {
  const code =
    error.kind === 'unauthorized' ? 'UNAUTHORIZED' : error.kind === 'config' ? 'INVALID_INPUT' : 'IO_ERROR'
  return new AppError(code, `${what}: ${error.message}`, { reason: error.kind })
}

/** The saved endpoint (or MEMORY_INSPECTOR_LLM_* when nothing is saved) and the key; unset is INVALID_INPUT. */
export async function appLlmEndpoint(dataDir: string, secrets: SecretStore): Promise<TaskLlm> {
  const saved = await readLlmSettingsFile(dataDir)
  try {
    const settings = await resolveLlmSettings({ baseUrl: saved.baseUrl, model: saved.model }, secrets)
    return { settings, timeoutMs: saved.timeoutSeconds * 1000 }
  } catch (error) {
    if (error instanceof LlmError)
      throw new AppError(
        'INVALID_INPUT',
        `${error.message.replace(/give --llm-[a-z-]+ or /, 'save it in Settings or ')}`,
      )
    throw error
  }
}
