import { resolve } from 'node:path'

/** The repository root (this file lives at src/main/engine/testing). */
export const REPO_ROOT = resolve(__dirname, '../../../..')

/**
 * The real MARSYS save files, copied into the repository (`resources/fixtures/marsys`, with a README saying where
 * they come from) so a clone alone runs every test.
 */
export const MARSYS_FIXTURES = resolve(REPO_ROOT, 'resources/fixtures/marsys')

export const fixturePath = (name: string): string => resolve(MARSYS_FIXTURES, name)
