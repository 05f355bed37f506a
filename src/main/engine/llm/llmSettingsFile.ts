/**
 * The app's LLM endpoint settings (base URL, model, time limit) in the data folder: `llm-settings.json`. Never the
 * key: that goes to a SecretStore.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { atomicWriteFile } from '../fs/atomicWrite'

export const LLM_SETTINGS_FILE = 'llm-settings.json'
export const DEFAULT_LLM_TIMEOUT_SECONDS = 120

export interface SavedLlmSettings {
  baseUrl: string
  model: string
  timeoutSeconds: number
}

const EMPTY: SavedLlmSettings = { baseUrl: '', model: '', timeoutSeconds: DEFAULT_LLM_TIMEOUT_SECONDS }

/** The saved settings; a missing or unreadable file gives the defaults (empty: the environment decides). */
export async function readLlmSettingsFile(dataDir: string): Promise<SavedLlmSettings> {
  let value: unknown
  try {
    value = JSON.parse(await readFile(join(dataDir, LLM_SETTINGS_FILE), 'utf8'))
  } catch {
    return { ...EMPTY }
  }
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  const timeout = record.timeoutSeconds
  return {
    baseUrl: typeof record.baseUrl === 'string' ? record.baseUrl : '',
    model: typeof record.model === 'string' ? record.model : '',
    timeoutSeconds: typeof timeout === 'number' && timeout > 0 ? timeout : DEFAULT_LLM_TIMEOUT_SECONDS,
  }
}

export async function writeLlmSettingsFile(dataDir: string, settings: SavedLlmSettings): Promise<void> {
  await mkdir(dataDir, { recursive: true })
  await atomicWriteFile(join(dataDir, LLM_SETTINGS_FILE), JSON.stringify(settings, null, 2) + '\n')
}
