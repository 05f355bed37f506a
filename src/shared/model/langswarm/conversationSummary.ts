import { z } from 'zod'
import { ValidationError } from './errors'
import { expectObject, readDateTime, readInteger, readString, readStringArray } from './jsonFields'
import { UtcDateTime, type DateTimeInput } from './utcDateTime'

/** The summary's JSON form: the seed's field names, datetimes as Python isoformat strings. */
export const conversationSummaryDictSchema = z.object({
  summary: z.string(),
  message_count: z.number(),
  start_time: z.string(),
  end_time: z.string(),
  key_topics: z.array(z.string()),
  summary_id: z.string(),
  created_at: z.string(),
})
export type ConversationSummaryDict = z.infer<typeof conversationSummaryDictSchema>

export interface ConversationSummaryInit {
  summary: string
  message_count: number
  start_time: DateTimeInput
  end_time: DateTimeInput
  key_topics?: string[]
  summary_id?: string
  created_at?: DateTimeInput
}

export class ConversationSummary {
  readonly summary: string
  readonly message_count: number
  readonly start_time: UtcDateTime
  readonly end_time: UtcDateTime
  readonly key_topics: readonly string[]
  readonly summary_id: string
  readonly created_at: UtcDateTime

  constructor(init: ConversationSummaryInit) {
    if (typeof init.summary !== 'string')
      throw new ValidationError('summary must be a string', { path: 'summary' })
    this.summary = init.summary
    this.message_count = readInteger(init.message_count, 'message_count', 0)
    this.start_time = UtcDateTime.from(init.start_time, 'start_time')
    this.end_time = UtcDateTime.from(init.end_time, 'end_time')
    this.key_topics = init.key_topics === undefined ? [] : readStringArray(init.key_topics, 'key_topics')
    this.summary_id = init.summary_id ?? crypto.randomUUID()
    this.created_at =
      init.created_at === undefined ? UtcDateTime.now() : UtcDateTime.from(init.created_at, 'created_at')
    Object.freeze(this)
  }

  static fromDict(value: unknown, path = '$'): ConversationSummary {
    const data = expectObject(value, path)
    return new ConversationSummary({
      summary: readString(data, 'summary', path),
      message_count: readInteger(data.message_count, `${path}.message_count`, 0),
      start_time: readDateTime(data, 'start_time', path),
      end_time: readDateTime(data, 'end_time', path),
      key_topics: data.key_topics == null ? [] : readStringArray(data.key_topics, `${path}.key_topics`),
      summary_id: readString(data, 'summary_id', path),
      created_at: readDateTime(data, 'created_at', path),
    })
  }

  toDict(): ConversationSummaryDict {
    return {
      summary: this.summary,
      message_count: this.message_count,
      start_time: this.start_time.toIsoString(),
      end_time: this.end_time.toIsoString(),
      key_topics: [...this.key_topics],
      summary_id: this.summary_id,
      created_at: this.created_at.toIsoString(),
    }
  }
}
