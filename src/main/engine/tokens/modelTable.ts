import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { JsonSyntaxError, parsePyJson, toPlain } from '../../../shared/pyjson'
import { modelEntrySchema } from '../../../shared/domains/tokens/contract'
import defaultTable from '../../../../resources/model-windows.json'
import type { BpeEncoding } from './messageTokens'

/** The file in the app's data folder whose entries replace or extend the shipped defaults. */
export const MODEL_TABLE_FILE = 'model-windows.json'
export const DEFAULT_MODEL_TABLE_NAME = `resources/${MODEL_TABLE_FILE}`

/** The BPE encoding that counts for a model (o200k_base approximates models with other tokenizers). */
const entrySchema = modelEntrySchema

const defaultsSchema = z.object({ models: z.record(z.string().min(1), entrySchema) })
const overrideSchema = z.object({ models: z.record(z.string().min(1), entrySchema.partial()) })

export interface ModelInfo {
  id: string
  contextWindow: number
  encoding: BpeEncoding
  /** USD per million input tokens. */
  inputPerMillion: number
  /** USD per million output tokens. */
  outputPerMillion: number
  /** When the prices were taken (YYYY-MM-DD). */
  pricesAsOf: string
  /** Whether the data folder's file changed or added this model. */
  overridden: boolean
}

export interface ModelTable {
  models: ModelInfo[]
  /** The override file read, if there was one. */
  overrideFile?: string
}

/** A model table that cannot be used: names the file, the JSON path and what is wrong. */
export class ModelTableError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${file}: ${path ? `${path}: ` : ''}${problem}`)
    this.name = 'ModelTableError'
  }
}

const formatPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  )

function validate<T>(schema: z.ZodType<T>, data: unknown, file: string, at: PropertyKey[] = []): T {
  const parsed = schema.safeParse(data)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new ModelTableError(file, formatPath([...at, ...issue.path]), issue.message)
}

function parseJson(text: string, file: string): unknown {
  try {
    return toPlain(parsePyJson(text))
  } catch (error) {
    if (error instanceof JsonSyntaxError)
      throw new ModelTableError(file, '', `invalid JSON at ${error.message}`)
    throw error
  }
}

/**
 * The shipped table with an override's entries merged in: a field given in the override replaces the default's,
 * and a new model must give every field.
 */
export function buildModelTable(overrideText?: string, overrideFile = MODEL_TABLE_FILE): ModelTable {
  const defaults = validate(defaultsSchema, defaultTable, DEFAULT_MODEL_TABLE_NAME).models
  const merged = new Map(Object.entries(defaults).map(([id, entry]) => [id, { entry, overridden: false }]))
  if (overrideText !== undefined) {
    const override = validate(overrideSchema, parseJson(overrideText, overrideFile), overrideFile).models
    for (const [id, partial] of Object.entries(override)) {
      const entry = validate(entrySchema, { ...merged.get(id)?.entry, ...partial }, overrideFile, [
        'models',
        id,
      ])
      merged.set(id, { entry, overridden: true })
    }
  }
  const models = [...merged].map(([id, { entry, overridden }]) => ({
    id,
    contextWindow: entry.context_window,
    encoding: entry.encoding,
    inputPerMillion: entry.input_per_million,
    outputPerMillion: entry.output_per_million,
    pricesAsOf: entry.prices_as_of,
    overridden,
  }))
  return overrideText === undefined ? { models } : { models, overrideFile }
}

/** Loads the table: the defaults, plus `model-windows.json` in `dataDir` when it exists. */
export async function loadModelTable(dataDir?: string): Promise<ModelTable> {
  if (dataDir === undefined) return buildModelTable()
  const file = join(dataDir, MODEL_TABLE_FILE)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return buildModelTable()
    throw new ModelTableError(file, '', `cannot be read: ${(error as Error).message}`)
  }
  return buildModelTable(text, file)
}

export const findModel = (table: ModelTable, id: string): ModelInfo | undefined =>
  table.models.find((model) => model.id === id)
