import { z } from 'zod'

const id = z.string().min(1).max(200)

/**
 * One side of a comparison: an open document as it is now (with unsaved edits), the version it was opened or last
 * saved as (`saved`), or the file at its path as it is on disk now (`disk`, for a file changed by another program).
 */
export const compareSideSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('document'), id }),
  z.strictObject({ kind: z.literal('saved'), id }),
  z.strictObject({ kind: z.literal('disk'), id }),
])
export type CompareSide = z.infer<typeof compareSideSchema>

export const compareRowKindSchema = z.enum(['same', 'changed', 'removed', 'added'])
export type CompareRowKind = z.infer<typeof compareRowKindSchema>

export const compareSideInfoSchema = z.object({
  /** How the side is named: "memory.json (on disk)", "session abc", … */
  label: z.string(),
  count: z.number(),
})

/** What a comparison found; rows are read in windows with `compare.rows`. */
export const compareSummarySchema = z.object({
  compareId: z.string(),
  left: compareSideInfoSchema,
  right: compareSideInfoSchema,
  /** Aligned rows: every message of both sides once, matched ones side by side. */
  rows: z.number(),
  /** Rows that are not `same`. */
  changes: z.number(),
  added: z.number(),
  removed: z.number(),
  changed: z.number(),
  same: z.number(),
  /**
   * The sides differ too much for an exact match in reasonable time: after the common start and end, the rest was
   * paired by position.
   */
  approximate: z.boolean(),
})
export type CompareSummary = z.infer<typeof compareSummarySchema>

/** A character range of a line that differs from the line it is paired with. */
export const diffMarkSchema = z.tuple([z.number(), z.number()])

/** One line of a message's JSON: `gap` stands for unchanged lines left out (its text says how many). */
export const diffLineSchema = z.object({
  kind: z.enum(['same', 'removed', 'added', 'gap']),
  text: z.string(),
  marks: z.array(diffMarkSchema).optional(),
})
export type DiffLine = z.infer<typeof diffLineSchema>

/** Lines of both sides at the same height; null where one side has no line there. */
export const diffLinePairSchema = z.object({
  left: diffLineSchema.nullable(),
  right: diffLineSchema.nullable(),
})
export type DiffLinePair = z.infer<typeof diffLinePairSchema>

export const compareMessageSchema = z.object({
  /** Position in its own conversation. */
  index: z.number(),
  role: z.string(),
  /** The start of the message's text content, on one line. */
  preview: z.string(),
})
export type CompareMessage = z.infer<typeof compareMessageSchema>

export const compareRowSchema = z.object({
  /** Position in the aligned rows. */
  row: z.number(),
  kind: compareRowKindSchema,
  left: compareMessageSchema.nullable(),
  right: compareMessageSchema.nullable(),
  /** For rows that are not `same`: the messages' JSON, line by line, with changed words marked. */
  lines: z.array(diffLinePairSchema).optional(),
  /** The lines were cut (a very large message): the rest is not shown. */
  truncated: z.boolean().optional(),
})
export type CompareRow = z.infer<typeof compareRowSchema>

export const compareWindowSchema = z.object({ total: z.number(), rows: z.array(compareRowSchema) })
export type CompareWindow = z.infer<typeof compareWindowSchema>

export const comparePhaseSchema = z.enum(['reading', 'matching'])
export type ComparePhase = z.infer<typeof comparePhaseSchema>

export const compareProgressSchema = z.object({
  jobId: z.string(),
  phase: comparePhaseSchema,
  done: z.number(),
  total: z.number(),
})
