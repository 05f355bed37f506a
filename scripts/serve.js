// npm run serve -- [FILES…] [--port N] [--no-open]: build, then web mode.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build, root } from './run-build.js'

build()
const { runWebMode } = await import(pathToFileURL(join(root, 'out', 'main', 'web.js')).href)
try {
  await runWebMode(process.argv.slice(2))
} catch (error) {
  console.error(`memory-inspector: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(2)
}
