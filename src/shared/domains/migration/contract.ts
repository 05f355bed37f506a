import { z } from 'zod'

/** What a path was found to be (decided from its content); see docs/migration.md. */
export const migrationSourceKindSchema = z.enum([
  'marsys_file',
  'marsys_folder',
  'langswarm_v2_sqlite',
  'v1_session_sqlite',
  'v1_adapter_sqlite',
  'backup',
])
export type MigrationSourceKind = z.infer<typeof migrationSourceKindSchema>

/**
 * `migrated`: written to the store; `would_migrate`: dry run, would be written; `already_present`: its source is
 * already in the store (a previous run, or twice in this one); `conflict`: the store has another session with this
 * id, not written; `failed`: writing it failed, the store is as before for this session.
 */
export const sessionOutcomeSchema = z.enum([
  'migrated',
  'would_migrate',
  'already_present',
  'conflict',
  'failed',
])
export type SessionOutcome = z.infer<typeof sessionOutcomeSchema>

/** What a target cannot hold or a reading had to drop (or, as a note, supplied), for one field. */
export const lossEntrySchema = z.object({ field: z.string(), count: z.number(), reason: z.string() })
export type LossEntry = z.infer<typeof lossEntrySchema>

/** A loss or note of one session. */
export const sessionLossSchema = lossEntrySchema.extend({ session_id: z.string() })
export type SessionLoss = z.infer<typeof sessionLossSchema>

/** An error about one source, or one row/message/session inside it; the rest of the source still migrates. */
export const migrationIssueSchema = z.object({
  /** The source file or folder. */
  source: z.string(),
  /** Where inside it: `sessions row 12`, `$.messages[3]`, `memory key "abc"`, a file in a folder… */
  location: z.string().optional(),
  session_id: z.string().optional(),
  error: z.string(),
})
export type MigrationIssue = z.infer<typeof migrationIssueSchema>

export const sessionResultSchema = z.object({
  /** The id in the target store (after a rename on conflict). */
  session_id: z.string(),
  /** The id the source gave it, when different. */
  source_session_id: z.string().optional(),
  source: z.string(),
  outcome: sessionOutcomeSchema,
  messages: z.number(),
  reason: z.string().optional(),
})
export type SessionResult = z.infer<typeof sessionResultSchema>

export const sourceSummarySchema = z.object({
  path: z.string(),
  kind: migrationSourceKindSchema,
  /** As counted before reading (an adapter database counts documents, not sessions). */
  sessions: z.number(),
  messages: z.number(),
  /** False when the run stopped (cancel) before this source was read to the end. */
  finished: z.boolean(),
})
export type SourceSummary = z.infer<typeof sourceSummarySchema>

/** What a migration returns; its JSON form is what `memory-inspector migrate --json` prints. */
export const migrationReportSchema = z.object({
  dry_run: z.boolean(),
  /** True when no error occurred and the run was not cancelled. */
  success: z.boolean(),
  cancelled: z.boolean(),
  started_at: z.string(),
  finished_at: z.string(),
  sources: z.array(sourceSummarySchema),
  /** Sessions written (dry run: that would be written) and their messages. */
  sessions_migrated: z.number(),
  messages_migrated: z.number(),
  /** Sessions not written: already present or in conflict. */
  skipped: z.number(),
  sessions: z.array(sessionResultSchema),
  /** Data that is not carried over, per session and field, with the reason. Listed in the dry run too. */
  losses: z.array(sessionLossSchema),
  /** Values the sources lack that the migration supplied or interpreted, per session and field. */
  notes: z.array(sessionLossSchema),
  errors: z.array(migrationIssueSchema),
})
export type MigrationReport = z.infer<typeof migrationReportSchema>

export const migrationProgressSchema = z.object({
  current: z.number(),
  total: z.number(),
  status: z.string(),
})
export type MigrationProgress = z.infer<typeof migrationProgressSchema>

/** A migration run started by `migration.start`. */
export const migrationJobSchema = z.object({
  jobId: z.string(),
  running: z.boolean(),
  progress: migrationProgressSchema,
  /** The run's report once it has ended (cancelled runs too: what was done and what was not). */
  report: migrationReportSchema.nullable(),
  /** Why the run could not start or ended without a report (e.g. the store is locked). */
  error: z.string().nullable(),
})
export type MigrationJob = z.infer<typeof migrationJobSchema>

export const exportFormatSchema = z.enum(['marsys', 'openai', 'anthropic', 'jsonl', 'markdown'])
export type ExportFormat = z.infer<typeof exportFormatSchema>

/** The MARSYS memory types an export can write (a `kg` file holds facts, not a conversation). */
export const exportMemoryTypeSchema = z.enum(['conversation_history', 'managed_conversation'])
export type ExportMemoryType = z.infer<typeof exportMemoryTypeSchema>

const path = z.string().min(1).max(4096)
const id = z.string().min(1).max(200)
const migrationInput = z.strictObject({
  paths: z.array(path).min(1).max(1_000),
  /** A source session whose id the store already uses: written as `<id>-2` instead of skipped. */
  renameConflicts: z.boolean().optional(),
})
const exportInput = {
  /** The document: a MARSYS file (as saved on disk) or a store session. */
  id,
  format: exportFormatSchema,
  memoryType: exportMemoryTypeSchema.optional(),
  model: z.string().min(1).max(200).optional(),
}

/** The migration channels, in the order of MIGRATION_CHANNELS (see ../../contract.ts for how a channel is written). */
export const migrationContract = {
  /** The dry run: what a migration of these paths into the session store would do, nothing written. */
  'migration.validate': { input: migrationInput, output: migrationReportSchema },
  /** Starts a migration into the session store; progress comes as `migration.progress`, the end as `migration.finished`. */
  'migration.start': { input: migrationInput, output: z.object({ jobId: z.string() }) },
  'migration.job': { input: z.strictObject({ jobId: id }), output: migrationJobSchema },
  /** Stops a run between sessions; the job's report says what was written. False when it had already ended. */
  'migration.cancel': { input: z.strictObject({ jobId: id }), output: z.object({ cancelled: z.boolean() }) },
  /** What exporting a document would give, before anything is written: what the format cannot hold. */
  'migration.exportPlan': {
    input: z.strictObject(exportInput),
    output: z.object({
      losses: z.array(lossEntrySchema),
      messages: z.number(),
      suggestedName: z.string(),
    }),
  },
  /**
   * Exports a document. With `path`: written atomically there (checked like Save As; an existing file is a
   * CONFLICT with details.reason `target-exists` unless `overwrite`, and is then kept as `.bak`). Without: the text
   * is returned (web mode's download).
   */
  'migration.export': {
    input: z.strictObject({ ...exportInput, path: path.optional(), overwrite: z.boolean().optional() }),
    output: z.object({
      path: z.string().nullable(),
      text: z.string().nullable(),
      bytes: z.number(),
      suggestedName: z.string(),
      losses: z.array(lossEntrySchema),
    }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>

/** The migration events' payloads, in the order of MIGRATION_EVENTS. */
export const migrationEvents = {
  'migration.progress': migrationProgressSchema.extend({ jobId: z.string() }),
  'migration.finished': z.object({ jobId: z.string() }),
} as const satisfies Record<string, z.ZodType>
