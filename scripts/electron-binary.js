// Finds the Electron binary without `require('electron')`, which would try to download it (and, offline, fail
// slowly). Returns { path } when the binary is there, or { missing: reason }.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

export function findElectronBinary() {
  const packageDir = join(root, 'node_modules', 'electron')
  if (!existsSync(join(packageDir, 'package.json')))
    return { missing: 'the electron package is not installed (run npm ci)' }
  const pathFile = join(packageDir, 'path.txt')
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (!existsSync(pathFile) && !override)
    return { missing: 'the Electron binary was never downloaded (no internet access at install time?)' }
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron'
  const binary = override ? join(override, relative) : join(packageDir, 'dist', relative)
  return existsSync(binary) ? { path: binary } : { missing: `the Electron binary is missing at ${binary}` }
}
