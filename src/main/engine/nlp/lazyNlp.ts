import { createRequire } from 'node:module'
import type nlpType from 'compromise'

type Nlp = typeof nlpType

const requireHere = createRequire(import.meta.url)
let loaded: Nlp | null = null

/**
 * compromise, loaded when first used: its lexicon costs about 45 MB of memory, which an app that opens a file and
 * never asks for entities or key topics should not pay at start-up.
 */
export function nlp(text: string): ReturnType<Nlp> {
  loaded ??= requireHere('compromise') as Nlp
  return loaded(text)
}
