// Prints one closing line for the whole `npm test` run ("tests: N passed, N failed, N skipped") from the JSON
// reports Vitest and Playwright wrote, so a reader (or CI) sees the totals of both runners in one place.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { root } from './run-build.js'

const reports = join(root, '.reports')
let passed = 0
let failed = 0
let skipped = 0

const vitestFile = join(reports, 'vitest.json')
if (existsSync(vitestFile)) {
  const vitest = JSON.parse(readFileSync(vitestFile, 'utf8'))
  passed += vitest.numPassedTests
  failed += vitest.numFailedTests
  skipped += vitest.numPendingTests + vitest.numTodoTests
  console.log(`unit (vitest): ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed`)
}

/** Titles of the tests Playwright marked flaky (failed, then passed on retry), from its JSON report's suites. */
function flakyTitles(suites, trail = []) {
  const titles = []
  for (const suite of suites) {
    const path = suite.title ? [...trail, suite.title] : trail
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === 'flaky') titles.push(`[${test.projectName}] ${[...path, spec.title].join(' › ')}`)
      }
    }
    titles.push(...flakyTitles(suite.suites ?? [], path))
  }
  return titles
}

const playwrightFile = join(reports, 'playwright.json')
if (existsSync(playwrightFile)) {
  const { stats } = JSON.parse(readFileSync(playwrightFile, 'utf8'))
  passed += stats.expected + stats.flaky
  failed += stats.unexpected
  skipped += stats.skipped
  console.log(
    `e2e (playwright): ${stats.expected + stats.flaky} passed (${stats.flaky} only on retry), ${stats.unexpected} failed, ${stats.skipped} skipped`,
  )
  for (const title of flakyTitles(JSON.parse(readFileSync(playwrightFile, 'utf8')).suites ?? [])) {
    console.log(`  flaky (passed on retry): ${title}`)
  }
}

console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
if (passed === 0 || failed > 0) process.exit(1)
