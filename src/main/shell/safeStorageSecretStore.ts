/**
 * The desktop app's LLM API key, encrypted with Electron's safeStorage (the OS keychain's key) in the data folder.
 * Never written in clear: where the OS offers no encryption (or, on Linux, no keyring), setting a key is refused.
 */
import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { atomicWriteFile } from '../engine/fs/atomicWrite'
import type { SecretStore } from '../engine/llm/llmSettings'

/** The part of Electron's `safeStorage` used here (so tests can pass a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
  /** Linux only: `basic_text` means no keyring, and "encryption" with a password built into Chromium. */
  getSelectedStorageBackend?(): string
}

/** Real encryption: available, and on Linux backed by a keyring rather than Chromium's built-in password. */
const canEncrypt = (safeStorage: SafeStorageLike): boolean =>
  safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text'

export const LLM_KEY_FILE = 'llm-api-key.enc'

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT'

export function createSafeStorageSecretStore(safeStorage: SafeStorageLike, dataDir: string): SecretStore {
  const file = join(dataDir, LLM_KEY_FILE)
  return {
    async getApiKey() {
      let bytes: Buffer
      try {
        bytes = await readFile(file)
      } catch (error) {
        if (isMissing(error)) return null
        throw error
      }
      if (!canEncrypt(safeStorage)) return null
      try {
        return safeStorage.decryptString(bytes) || null
      } catch {
        // Encrypted under another OS account or keychain: as good as no key.
        return null
      }
    },
    async setApiKey(key) {
      if (!canEncrypt(safeStorage))
        throw new Error(
          'this system offers no encryption for secrets (safeStorage): the API key was not saved; set MEMORY_INSPECTOR_LLM_API_KEY instead',
        )
      await mkdir(dataDir, { recursive: true })
      await atomicWriteFile(file, safeStorage.encryptString(key))
    },
    async clearApiKey() {
      await rm(file, { force: true })
    },
  }
}
