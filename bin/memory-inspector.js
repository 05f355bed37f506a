#!/usr/bin/env node
// The CLI is built by electron-vite into out/main/cli.js; this shim only forwards to it.
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url))
if (existsSync(cli)) {
  await import(pathToFileURL(cli).href)
} else {
  console.error('memory-inspector: run `npm run build` first')
  process.exitCode = 1
}
