import { mkdirSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'rolldown'

const DIR = join(tmpdir(), 'memory-inspector-test-token-worker')

let built: Promise<string> | undefined

/**
 * Tests run from TypeScript source, which a worker thread cannot load: bundle tokenWorker.ts (with gpt-tokenizer,
 * so the bundle needs nothing from node_modules) into a temporary file once per test process. Bundles left by
 * test processes that have ended are removed.
 */
export function workerFromSource(): Promise<string> {
  built ??= (async () => {
    mkdirSync(DIR, { recursive: true })
    removeBundlesOfEndedProcesses()
    const file = join(DIR, `${process.pid}.mjs`)
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

function removeBundlesOfEndedProcesses(): void {
  for (const name of readdirSync(DIR)) {
    const pid = Number.parseInt(name, 10)
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid))
      rmSync(join(DIR, name), { force: true })
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
