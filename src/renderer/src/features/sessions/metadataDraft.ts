import type { SessionStatus } from '../../../../shared/model/langswarm/enums'
import type { SessionMetadataDict } from '../../../../shared/model/langswarm/sessionMetadata'
import type { EditCommand } from '../../../../shared/model/edit'
import { optionalText, parseTags } from './sessionFormat'

/** The metadata form's fields, as the inputs hold them. */
export interface MetadataDraft {
  user_id: string
  agent_id: string
  workflow_id: string
  status: SessionStatus
  tags: string
  max_messages: string
  summary_threshold: string
  auto_summarize: boolean
  /** A `datetime-local` value in local time, or '' for none. */
  expires_at: string
}

type MetadataPatch = Extract<EditCommand, { op: 'setSessionMetadata' }>['patch']

const pad = (n: number): string => String(n).padStart(2, '0')

/** An ISO instant as a `datetime-local` value (local time, to the minute). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

export function draftOf(metadata: SessionMetadataDict): MetadataDraft {
  return {
    user_id: metadata.user_id ?? '',
    agent_id: metadata.agent_id ?? '',
    workflow_id: metadata.workflow_id ?? '',
    status: metadata.status,
    tags: metadata.tags.join(', '),
    max_messages: String(metadata.max_messages),
    summary_threshold: String(metadata.summary_threshold),
    auto_summarize: metadata.auto_summarize,
    expires_at: toLocalInput(metadata.expires_at),
  }
}

function positiveInteger(text: string, label: string): number {
  const value = Number(text.trim())
  if (text.trim() === '' || !Number.isInteger(value) || value < 1)
    throw new Error(`${label} must be a whole number of at least 1`)
  return value
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i])

/**
 * The fields the draft changes, as a `setMetadata` patch (empty when nothing changed). Throws with a readable
 * message when a field is not valid.
 */
export function patchOf(metadata: SessionMetadataDict, draft: MetadataDraft): MetadataPatch {
  const base = draftOf(metadata)
  const patch: MetadataPatch = {}
  for (const key of ['user_id', 'agent_id', 'workflow_id'] as const)
    if (draft[key] !== base[key]) patch[key] = optionalText(draft[key])
  if (draft.status !== metadata.status) patch.status = draft.status
  const tags = parseTags(draft.tags)
  if (!sameList(tags, metadata.tags)) patch.tags = tags
  const maxMessages = positiveInteger(draft.max_messages, 'Max messages')
  if (maxMessages !== metadata.max_messages) patch.max_messages = maxMessages
  const threshold = positiveInteger(draft.summary_threshold, 'Summary threshold')
  if (threshold !== metadata.summary_threshold) patch.summary_threshold = threshold
  if (draft.auto_summarize !== metadata.auto_summarize) patch.auto_summarize = draft.auto_summarize
  // Compared as shown: an expiry kept as it was keeps its seconds, which the minute-precision input drops.
  if (draft.expires_at !== base.expires_at) {
    if (draft.expires_at === '') patch.expires_at = null
    else {
      const date = new Date(draft.expires_at)
      if (Number.isNaN(date.getTime())) throw new Error('Expires at is not a valid date and time')
      patch.expires_at = date.toISOString()
    }
  }
  return patch
}

export function sameDraft(a: MetadataDraft, b: MetadataDraft): boolean {
  return (Object.keys(a) as (keyof MetadataDraft)[]).every((key) => a[key] === b[key])
}
