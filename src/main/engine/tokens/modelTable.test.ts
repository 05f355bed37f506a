import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { MODEL_TABLE_FILE, ModelTableError, buildModelTable, findModel, loadModelTable } from './modelTable'

let dir: string | undefined
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
  dir = undefined
})

function errorOf(run: () => unknown): ModelTableError {
  try {
    run()
  } catch (error) {
    if (error instanceof ModelTableError) return error
    throw error
  }
  throw new Error('expected a ModelTableError')
}

describe('the model table', () => {
  it('ships dated windows and prices for common models', () => {
    const table = buildModelTable()
    const gpt4o = findModel(table, 'gpt-4o')
    expect(gpt4o).toMatchObject({ contextWindow: 128_000, encoding: 'o200k_base', overridden: false })
    expect(gpt4o?.pricesAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(findModel(table, 'gpt-3.5-turbo')?.encoding).toBe('cl100k_base')
    expect(table.models.length).toBeGreaterThan(5)
  })

  it('merges an override field by field and adds new models', () => {
    const table = buildModelTable(
      JSON.stringify({
        models: {
          'gpt-4o': { input_per_million: 5, prices_as_of: '2026-12-01' },
          'local-llama': {
            context_window: 8192,
            encoding: 'cl100k_base',
            input_per_million: 0,
            output_per_million: 0,
            prices_as_of: '2026-12-01',
          },
        },
      }),
      '/data/model-windows.json',
    )
    expect(findModel(table, 'gpt-4o')).toMatchObject({
      contextWindow: 128_000,
      inputPerMillion: 5,
      outputPerMillion: 10,
      pricesAsOf: '2026-12-01',
      overridden: true,
    })
    expect(findModel(table, 'local-llama')?.contextWindow).toBe(8192)
    expect(table.overrideFile).toBe('/data/model-windows.json')
  })

  it.each([
    [
      'a negative window',
      { models: { 'gpt-4o': { context_window: -1 } } },
      /^f\.json: models\.gpt-4o\.context_window: /,
    ],
    ['a bad date', { models: { 'gpt-4o': { prices_as_of: 'last week' } } }, /prices_as_of: expected a date/],
    ['an unknown encoding', { models: { 'gpt-4o': { encoding: 'p50k' } } }, /models\.gpt-4o\.encoding: /],
    [
      'a new model missing fields',
      { models: { mine: { context_window: 1000 } } },
      /^f\.json: models\.mine\.encoding: /,
    ],
    ['no models', { model: {} }, /^f\.json: models: /],
  ])('refuses %s, naming the file and the place', (_name, data, message) => {
    expect(errorOf(() => buildModelTable(JSON.stringify(data), 'f.json')).message).toMatch(message)
  })

  it('reports invalid JSON with its line and column', () => {
    const error = errorOf(() => buildModelTable('{\n  "models": {,}\n}', 'f.json'))
    expect(error.message).toMatch(/^f\.json: invalid JSON at line 2, column 14/)
  })

  it('loads the override from the data folder, and the defaults when there is none', async () => {
    dir = await mkdtemp(join(tmpdir(), 'mi-models-'))
    expect((await loadModelTable(dir)).overrideFile).toBeUndefined()
    await writeFile(
      join(dir, MODEL_TABLE_FILE),
      JSON.stringify({ models: { o3: { context_window: 300000 } } }),
    )
    const table = await loadModelTable(dir)
    expect(findModel(table, 'o3')?.contextWindow).toBe(300_000)
    expect(table.overrideFile).toBe(join(dir, MODEL_TABLE_FILE))
    await writeFile(join(dir, MODEL_TABLE_FILE), '{"models": {"o3": {"context_window": "big"}}}')
    await expect(loadModelTable(dir)).rejects.toThrow(
      `${join(dir, MODEL_TABLE_FILE)}: models.o3.context_window:`,
    )
  })
})
