import { spawn, type ChildProcess } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import ts from 'typescript'

/**
 * Compiles one engine module (which must import only Node built-ins) to a standalone .mjs so a plain Node child
 * process can run the very same code the engine uses; returns its file URL.
 */
export async function compileForChild(modulePath: string, outDir: string): Promise<string> {
  const source = await readFile(modulePath, 'utf8')
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  })
  const out = join(outDir, basename(modulePath).replace(/\.ts$/, '.mjs'))
  await writeFile(out, outputText)
  return pathToFileURL(out).href
}

export interface NodeChild {
  process: ChildProcess
  /** Resolves with the first line the child prints. */
  firstLine: Promise<string>
  /** Resolves with the exit code (null if killed). */
  exited: Promise<number | null>
  stderr: () => string
}

export interface RunNodeOptions {
  /** POSIX only: the child's file-size limit (`ulimit -f`, 512-byte blocks); 0 makes every write fail. */
  maxFileBlocks?: number
}

/** Runs an ES module source string in a new Node process (no TypeScript, no test runner). */
export function runNode(source: string, options: RunNodeOptions = {}): NodeChild {
  const args = ['--input-type=module', '-e', source]
  const child =
    options.maxFileBlocks === undefined
      ? spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] })
      : spawn(
          '/bin/sh',
          ['-c', `ulimit -f ${options.maxFileBlocks} && exec "$0" "$@"`, process.execPath, ...args],
          {
            stdio: ['pipe', 'pipe', 'pipe'],
          },
        )
  let stdout = ''
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const newline = stdout.indexOf('\n')
      if (newline >= 0) resolve(stdout.slice(0, newline))
    })
    child.on('exit', () => reject(new Error(`child exited before printing a line; stderr: ${stderr}`)))
  })
  firstLine.catch(() => undefined)
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { process: child, firstLine, exited, stderr: () => stderr }
}
