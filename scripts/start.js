// npm start: build, then launch the Electron app; where the Electron binary is missing, say so in one line and
// start web mode instead. Arguments after `--` are passed on (files to open).
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { findElectronBinary } from './electron-binary.js'
import { build, root } from './run-build.js'

const args = process.argv.slice(2)
build()
const electron = findElectronBinary()
if (electron.path) {
  const child = spawn(electron.path, [root, ...args], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.log(`Electron is not available (${electron.missing}); starting web mode instead.`)
  const { runWebMode } = await import(pathToFileURL(join(root, 'out', 'main', 'web.js')).href)
  await runWebMode(args)
}
