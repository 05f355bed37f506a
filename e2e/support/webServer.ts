import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createInterface } from 'node:readline'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

export interface WebServerHandle {
  url: string
  port: number
  output: () => string
  stop(): Promise<void>
}

/** Starts the real web mode (`node out/main/web.js --port 0`) in its own process and waits for its READY line. */
export async function startWebServer(args: string[], dataDir: string): Promise<WebServerHandle> {
  const entry = join(ROOT, 'out', 'main', 'web.js')
  if (!existsSync(entry))
    throw new Error('out/main/web.js is missing: run `npm run build` before the e2e tests')
  const child: ChildProcess = spawn(
    process.execPath,
    [entry, '--port', '0', '--no-open', '--data-dir', dataDir, ...args],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let log = ''
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))
  const ready = new Promise<{ url: string; port: number }>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      log += `${line}\n`
      if (line.startsWith('READY '))
        resolve(JSON.parse(line.slice('READY '.length)) as { url: string; port: number })
    })
    child.once('exit', (code) =>
      reject(new Error(`web mode exited with ${code} before it was ready:\n${log}`)),
    )
  })
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`web mode did not start in 15 s:\n${log}`)), 15_000),
  )
  const { url, port } = await Promise.race([ready, timeout])
  return {
    url,
    port,
    output: () => log,
    async stop() {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      await once(child, 'exit')
    },
  }
}
