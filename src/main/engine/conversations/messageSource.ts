/** Random access to the messages of an open file, however the file is stored. */
export interface MessageSource {
  readonly count: number
  /** The message as plain JSON (numbers as JS numbers), for analysis and display. */
  plain(index: number): unknown
  /** The message exactly as its text is in the file. */
  raw(index: number): string
}

/** A source over values in memory (new files, tests). */
export function arraySource(
  messages: unknown[],
  raw: (index: number) => string = (i) => JSON.stringify(messages[i], null, 2),
): MessageSource {
  return { count: messages.length, plain: (index) => messages[index], raw }
}
