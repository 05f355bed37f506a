// Lists the import cycles among the TypeScript modules under a folder (default: src), type-only imports included:
// `node scripts/import-cycles.js [folder]` prints each cycle and exits 1, or exits 0 when there are none.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const SOURCE = /\.tsx?$/

function sourceFiles(folder) {
  const out = []
  for (const name of readdirSync(folder)) {
    const path = join(folder, name)
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path))
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) out.push(path)
  }
  return out
}

// Only relative specifiers name our own modules; packages cannot import back into the folder.
function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return null
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ''))
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]
  return candidates.find((path) => SOURCE.test(path) && existsSync(path) && statSync(path).isFile()) ?? null
}

/** Module → the modules it imports (static, dynamic, `import type`, `export … from`). */
export function importGraph(folder) {
  const graph = new Map()
  for (const file of sourceFiles(folder)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
    const targets = importedFiles.map((f) => resolveImport(file, f.fileName)).filter((t) => t !== null)
    graph.set(file, [...new Set(targets)])
  }
  return graph
}

/** Each cycle as the list of its modules (paths relative to `folder`), found as strongly connected components. */
export function findImportCycles(folder) {
  const graph = importGraph(folder)
  const index = new Map()
  const low = new Map()
  const stack = []
  const onStack = new Set()
  const cycles = []
  let next = 0
  const visit = (node) => {
    index.set(node, next)
    low.set(node, next++)
    stack.push(node)
    onStack.add(node)
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target)
        low.set(node, Math.min(low.get(node), low.get(target)))
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node), index.get(target)))
    }
    if (low.get(node) !== index.get(node)) return
    const component = []
    let member
    do {
      member = stack.pop()
      onStack.delete(member)
      component.push(member)
    } while (member !== node)
    if (component.length > 1 || (graph.get(node) ?? []).includes(node))
      cycles.push(component.map((path) => relative(folder, path)).sort())
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return cycles
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const folder = resolve(process.argv[2] ?? 'src')
  const cycles = findImportCycles(folder)
  for (const cycle of cycles) console.log(`cycle: ${cycle.join(' ↔ ')}`)
  if (cycles.length > 0) process.exit(1)
  console.log(`no import cycles under ${relative(process.cwd(), folder) || '.'}`)
}
