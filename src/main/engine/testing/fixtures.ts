import { resolve } from 'node:path'

/** The repository root (this file lives at src/main/engine/testing). */
export const REPO_ROOT = resolve(__dirname, '../../../..')

/**
 * The real MARSYS save files. CI clones the repo with `shared/` beside it, so they live at `../shared` from the
 * root; MI_SHARED_DIR overrides that for unusual layouts.
 */
export const SHARED_DIR = process.env.MI_SHARED_DIR ?? resolve(REPO_ROOT, '../shared')
export const MARSYS_FIXTURES = resolve(SHARED_DIR, 'fixtures/marsys')

export const fixturePath = (name: string): string => resolve(MARSYS_FIXTURES, name)
