import { existsSync } from 'node:fs'
import { getPriority } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../testing/fixtures'
import { TOKEN_WORKER_FILE, builtTokenWorkerPath } from './tokenWorkerPool'
import { TokenService } from './tokenService'

// The app and the CLI run the worker from the electron-vite build; `npm test` builds before the unit tests.
describe('the built token worker', () => {
  const mainOut = join(REPO_ROOT, 'out', 'main')
  const built = join(mainOut, TOKEN_WORKER_FILE)

  it('is built as its own entry next to the main entries', () => {
    expect(existsSync(built), 'run `npm run build` before the unit tests').toBe(true)
  })

  it('is found from an entry and from a shared chunk', () => {
    expect(builtTokenWorkerPath(pathToFileURL(join(mainOut, 'cli.js')).href)).toBe(built)
    expect(builtTokenWorkerPath(pathToFileURL(join(mainOut, 'chunks', 'any-chunk.js')).href)).toBe(built)
  })

  it('counts in a worker thread, lowering only its own priority', async () => {
    const service = new TokenService({ workerPath: built, size: 1 })
    const priority = getPriority()
    try {
      const result = await service.count([{ role: 'user', content: 'Counted by the built worker.' }], {
        encodings: ['cl100k_base'],
      })
      expect(result.messages[0].cl100k_base?.text).toBe(countTokens('Counted by the built worker.'))
      expect(result.messages[0].marsys).toBe(3 + Math.trunc(28 / 4))
      expect(getPriority()).toBe(priority)
    } finally {
      await service.close()
    }
  })

  it('is not found from the TypeScript sources, and says how to build it', () => {
    expect(builtTokenWorkerPath(pathToFileURL(join(REPO_ROOT, 'src/main/engine/tokens/x.ts')).href)).toBe(
      undefined,
    )
    expect(() => new TokenService()).toThrow(/npm run build/)
  })
})
