import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * A clone of the repository alone must pass its tests: nothing the tests, the build or CI run may reach the
 * `shared` folder that sits beside the repository on the machine it was written on (`../shared`, `/work/shared`).
 */
const ROOT = resolve(__dirname, '..')
const SCANNED = ['src', 'e2e', 'scripts', '.ci', 'package.json', 'e2e/playwright.config.ts']
const SKIPPED_FOLDERS = new Set(['node_modules', 'out', '.reports', 'test-results'])
const THIS_FILE = resolve(__filename)

// `../shared`, `../../shared`, … or an absolute `/work/shared`, as a whole path segment.
const OUTSIDE_PATH = /(?:\.\.\/)+shared(?![\w.-])|\/work\/shared(?![\w.-])/g

interface Finding {
  file: string
  line: number
  text: string
}

/**
 * Lines of `text` (the content of `file`, inside `root`) naming a path outside the repository. A relative
 * `../shared` counts when it leaves the repository from the file's folder (an import such as `../shared/wire` in
 * `src/main` is `src/shared`, inside); in files that run from the repository's root (package.json, CI, scripts,
 * configs) also when it leaves it from the root.
 */
function pathsLeavingRepository(root: string, file: string, text: string): Finding[] {
  const findings: Finding[] = []
  const fromRootToo = !/^(src|e2e)[\\/]/.test(relative(root, file))
  const outside = (path: string): boolean => {
    const rel = relative(root, path)
    return rel === '..' || rel.startsWith('..' + sep)
  }
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    for (const match of lines[i].matchAll(OUTSIDE_PATH)) {
      const path = match[0]
      const leaves =
        path.startsWith('/') ||
        outside(resolve(dirname(file), path)) ||
        (fromRootToo && outside(resolve(root, path)))
      if (leaves) {
        findings.push({ file: relative(root, file), line: i + 1, text: lines[i].trim() })
        break
      }
    }
  }
  return findings
}

function filesUnder(path: string): string[] {
  const info = statSync(path, { throwIfNoEntry: false })
  if (!info) return []
  if (info.isFile()) return [path]
  if (!info.isDirectory()) return []
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
    SKIPPED_FOLDERS.has(entry.name) ? [] : filesUnder(join(path, entry.name)),
  )
}

function scannedFiles(): string[] {
  const roots = [...SCANNED, ...readdirSync(ROOT).filter((name) => name.startsWith('vitest.config'))]
  const files = new Set(roots.flatMap((name) => filesUnder(join(ROOT, name))))
  files.delete(THIS_FILE)
  return [...files].sort()
}

describe('the repository is self-contained', () => {
  it('no test, script, CI step or config reads from a folder outside the repository', () => {
    const findings: string[] = []
    for (const file of scannedFiles()) {
      const bytes = readFileSync(file)
      if (bytes.includes(0)) continue // binary (images, databases)
      for (const f of pathsLeavingRepository(ROOT, file, bytes.toString('utf8')))
        findings.push(`${f.file}:${f.line}: ${f.text}`)
    }
    expect(findings, 'paths outside the repository (copy what they need into it)').toEqual([])
  })

  it('scans what it should', () => {
    const files = scannedFiles().map((file) => relative(ROOT, file).split(sep).join('/'))
    for (const expected of ['package.json', '.ci/run', 'vitest.config.ts', 'e2e/playwright.config.ts'])
      expect(files).toContain(expected)
    expect(files.some((file) => file.startsWith('src/main/'))).toBe(true)
  })

  it('names the file and line of a path leaving the repository, and leaves imports inside it alone', () => {
    const at = (path: string): string => join(ROOT, path)
    expect(
      pathsLeavingRepository(
        ROOT,
        at('src/main/x.test.ts'),
        "import { a } from '../shared/wire'\nconst b = 1",
      ),
    ).toEqual([])
    expect(
      pathsLeavingRepository(
        ROOT,
        at('src/main/engine/x.test.ts'),
        "const ok = 1\nconst fixtures = join(__dirname, '../../../../shared/fixtures')",
      ),
    ).toEqual([
      {
        file: join('src', 'main', 'engine', 'x.test.ts'),
        line: 2,
        text: "const fixtures = join(__dirname, '../../../../shared/fixtures')",
      },
    ])
    expect(
      pathsLeavingRepository(ROOT, at('package.json'), '{\n  "test": "cp -r ../shared/specs x"\n}'),
    ).toEqual([{ file: 'package.json', line: 2, text: '"test": "cp -r ../shared/specs x"' }])
    expect(pathsLeavingRepository(ROOT, at('.ci/run'), 'ls /work/shared/seeds')).toEqual([
      { file: join('.ci', 'run'), line: 1, text: 'ls /work/shared/seeds' },
    ])
    expect(pathsLeavingRepository(ROOT, at('scripts/a.js'), "require('../src/shared/wire')")).toEqual([])
  })
})
