import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'rolldown'

let built: Promise<string> | undefined

/**
 * Tests run from TypeScript source, which a worker thread cannot load: bundle tokenWorker.ts (with gpt-tokenizer,
 * so the bundle needs nothing from node_modules) into a temporary file once per test process.
 */
export function workerFromSource(): Promise<string> {
  built ??= (async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mi-token-worker-')), 'tokenWorker.mjs')
    await build({
      input: resolve(__dirname, '../tokenWorker.ts'),
      platform: 'node',
      output: { file, format: 'esm', codeSplitting: false },
      logLevel: 'silent',
    })
    return file
  })()
  return built
}
