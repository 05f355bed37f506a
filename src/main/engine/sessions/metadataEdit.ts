import type { SessionMetadata, SessionMetadataPatch } from '../../../shared/model/langswarm'

/** A metadata change: `after` is what was set, `before` the previous values of exactly those keys. */
export interface MetadataEdit {
  readonly kind: 'metadata'
  readonly before: SessionMetadataPatch
  readonly after: SessionMetadataPatch
}

/**
 * Folds the patches of one batch into a single edit of `metadata`, checking them first on a copy, so an invalid
 * patch throws (INVALID_INPUT) before anything is persisted.
 */
export function planMetadataEdit(
  metadata: SessionMetadata,
  patches: readonly SessionMetadataPatch[],
): MetadataEdit {
  const trial = metadata.clone()
  for (const patch of patches) trial.applyPatch(patch)
  const set = Object.entries(Object.assign({}, ...patches)).filter(([, value]) => value !== undefined)
  const current: Record<string, unknown> = { ...metadata.toDict() }
  const after: SessionMetadataPatch = Object.fromEntries(set)
  const before: SessionMetadataPatch = Object.fromEntries(set.map(([key]) => [key, current[key]]))
  return { kind: 'metadata', before, after }
}

export const invertMetadataEdit = (edit: MetadataEdit): MetadataEdit => ({
  kind: 'metadata',
  before: edit.after,
  after: edit.before,
})
