import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawn } from 'node:child_process'
import { EventBus } from './api/events'
import { createHandlers } from './api/handlers'
import { createAppContext, defaultDataDir, readAppVersion } from './appContext'
import { prepareDataDir } from './dataDir'
import { OpenPolicy } from './engine/conversations/files/openPolicy'
import { disposeServices } from './api/services'
import { createServices } from './createServices'
import { startHttpTransport, type RunningHttpServer } from './transport/http'
import { parseWebArgs, UsageError, type WebArgs } from './webArgs'

const here = dirname(fileURLToPath(import.meta.url))

/** The built renderer: out/renderer next to out/main, wherever the bundler put this module. */
export function locateRendererDir(start = here): string | null {
  const candidates = [
    join(start, '../renderer'),
    join(start, '../../renderer'),
    join(start, '../../out/renderer'),
    join(start, '../../../out/renderer'),
  ]
  return candidates.map((dir) => resolve(dir)).find((dir) => existsSync(join(dir, 'index.html'))) ?? null
}

export interface WebModeOptions {
  port?: number
  dataDir?: string
  staticDir?: string
  token?: string
  /** Files and folders to open at start; their folders are also the only ones "Open path" may read under. */
  paths?: string[]
}

/** Starts web mode and returns the running server (used by `runWebMode`, `npm start`'s fallback and tests). */
export async function startWebMode(options: WebModeOptions = {}): Promise<RunningHttpServer> {
  const staticDir = options.staticDir ?? locateRendererDir()
  if (!staticDir) throw new UsageError('The renderer is not built: run `npm run build` first.')
  const dataDir = options.dataDir ?? defaultDataDir()
  prepareDataDir(dataDir)
  const bus = new EventBus()
  const context = createAppContext('web', dataDir, readAppVersion(here), `node ${process.versions.node}`)
  const paths = options.paths ?? []
  const services = createServices({ context, bus, policy: await OpenPolicy.forWebMode(paths) })
  if (paths.length > 0) {
    const opened = await services.documents.open(paths)
    for (const failure of opened.failures)
      console.error(`memory-inspector: cannot open ${failure.path}: ${failure.message}`)
  }
  const token = options.token ?? randomBytes(24).toString('base64url')
  const running = await startHttpTransport(
    { handlers: createHandlers(services), bus, token, staticDir },
    options.port ?? 0,
  )
  return {
    ...running,
    close: async () => {
      await disposeServices(services)
      await running.close()
    },
  }
}

function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open'
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url]
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true })
    child.on('error', () => undefined)
    child.unref()
  } catch {
    // No browser on this machine (a server, CI): the printed URL is enough.
  }
}

/** `memory-inspector serve` / `npm run serve`: prints the URL, a machine-readable READY line, and serves until killed. */
export async function runWebMode(argv: string[] | WebArgs): Promise<void> {
  const args = Array.isArray(argv) ? parseWebArgs(argv) : argv
  const running = await startWebMode({ port: args.port, dataDir: args.dataDir, paths: args.files })
  console.log(`Memory Inspector (web mode) at ${running.url}`)
  console.log(`READY ${JSON.stringify({ port: running.port, url: running.url })}`)
  if (args.open) openInBrowser(running.url)
  const stop = (): void => {
    void running.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

const isEntry = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (isEntry) {
  runWebMode(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`memory-inspector: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(error instanceof UsageError ? 2 : 1)
  })
}
