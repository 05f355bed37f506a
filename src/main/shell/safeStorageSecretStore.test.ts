import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { LLM_KEY_FILE, createSafeStorageSecretStore, type SafeStorageLike } from './safeStorageSecretStore'

/** Like Electron's safeStorage: real authenticated AES with a key the "OS" holds (a wrong key always fails). */
function fakeSafeStorage(available = true): SafeStorageLike {
  const key = randomBytes(32)
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    decryptString: (bytes) => {
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12))
      decipher.setAuthTag(bytes.subarray(12, 28))
      return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')
    },
  }
}

const SECRET = 'sk-test-0123456789abcdef-SECRET'
const dataDir = () => mkdtempSync(join(tmpdir(), 'mi-secret-'))

describe('safeStorage secret store', () => {
  it('keeps the key encrypted in the data folder and reads it back', async () => {
    const dir = dataDir()
    const store = createSafeStorageSecretStore(fakeSafeStorage(), dir)
    expect(await store.getApiKey()).toBeNull()
    await store.setApiKey!(SECRET)
    expect(await store.getApiKey()).toBe(SECRET)
    const bytes = readFileSync(join(dir, LLM_KEY_FILE))
    expect(bytes.length).toBeGreaterThan(0)
    expect(bytes.includes(Buffer.from(SECRET))).toBe(false)
    expect(bytes.includes(Buffer.from('0123456789abcdef'))).toBe(false)
    for (const name of readdirSync(dir))
      expect(readFileSync(join(dir, name)).includes(Buffer.from(SECRET)), name).toBe(false)
  })

  it('clears the key', async () => {
    const dir = dataDir()
    const store = createSafeStorageSecretStore(fakeSafeStorage(), dir)
    await store.setApiKey!(SECRET)
    await store.clearApiKey!()
    expect(await store.getApiKey()).toBeNull()
    expect(readdirSync(dir)).not.toContain(LLM_KEY_FILE)
  })

  it('refuses to store a key when the system cannot encrypt, and writes nothing', async () => {
    const dir = dataDir()
    const store = createSafeStorageSecretStore(fakeSafeStorage(false), dir)
    await expect(store.setApiKey!(SECRET)).rejects.toThrow(/no encryption/)
    expect(readdirSync(dir)).toEqual([])
  })

  it('refuses Linux without a keyring (Chromium’s built-in password is not a secret)', async () => {
    const dir = dataDir()
    const store = createSafeStorageSecretStore(
      { ...fakeSafeStorage(), getSelectedStorageBackend: () => 'basic_text' },
      dir,
    )
    await expect(store.setApiKey!(SECRET)).rejects.toThrow(/no encryption/)
    expect(readdirSync(dir)).toEqual([])
  })

  it('treats a key encrypted under another keychain as no key', async () => {
    const dir = dataDir()
    await createSafeStorageSecretStore(fakeSafeStorage(), dir).setApiKey!(SECRET)
    expect(await createSafeStorageSecretStore(fakeSafeStorage(), dir).getApiKey()).toBeNull()
  })
})
