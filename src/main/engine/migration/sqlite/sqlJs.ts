import { createRequire } from 'node:module'
import { readFile } from 'node:fs/promises'
import type { SqlJsStatic } from 'sql.js'

let loaded: Promise<SqlJsStatic> | null = null

/**
 * sql.js (SQLite compiled to WASM), loaded once. The .wasm file is located through Node's module resolution from
 * this module's URL, so it is found from the sources (tests), from the built `out/` bundle (sql.js stays an
 * external dependency there) and from a packaged app; its bytes are handed over directly, so sql.js never has to
 * guess a path of its own. Its JavaScript is imported here, on first use: loaded at start it cost every process
 * 8 MB of memory, though only migrations read SQLite.
 */
export function loadSqlJs(): Promise<SqlJsStatic> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url)
    const wasmPath = require.resolve('sql.js/dist/sql-wasm.wasm')
    const bytes = await readFile(wasmPath)
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
    const { default: initSqlJs } = await import('sql.js')
    return initSqlJs({ wasmBinary })
  })().catch((error: unknown) => {
    loaded = null
    throw new Error(
      `SQLite support (sql.js) could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  })
  return loaded
}
