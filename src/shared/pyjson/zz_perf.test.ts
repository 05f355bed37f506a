import { it } from 'vitest'
import { parsePyJson } from '.'
import { readFileSync } from 'node:fs'
it('perf', () => {
  const text = readFileSync('/work/shared/fixtures/marsys/12_large_20000.json', 'utf8')
  const times: number[] = []
  for (let k = 0; k < 8; k++) {
    const t = performance.now(); parsePyJson(text); times.push(performance.now() - t)
  }
  console.log('PARSE', times.map((t) => t.toFixed(1)).join(' '))
})
