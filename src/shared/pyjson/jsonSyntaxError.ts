export interface JsonSyntaxErrorInit {
  /** 1-based. */
  line: number
  /** 1-based, in characters (code points) from the start of the line, as Python reports it. */
  column: number
  /** Position of the problem in the input (code units for strings, bytes for buffers). */
  offset: number
  /** What the grammar allowed here, e.g. `',' or '}'`. */
  expected: string
  /** What was there instead, e.g. `']'` or `end of input`. */
  found: string
  /** A few lines of the input around the problem, with a caret under it. */
  context?: string
  /** Replaces the default `line L, column C: expected … but found …` text. */
  message?: string
}

export class JsonSyntaxError extends Error {
  readonly line: number
  readonly column: number
  readonly offset: number
  readonly expected: string
  readonly found: string
  readonly context?: string

  constructor(init: JsonSyntaxErrorInit) {
    super(
      init.message ??
        `line ${init.line}, column ${init.column}: expected ${init.expected} but found ${init.found}`,
    )
    this.name = 'JsonSyntaxError'
    this.line = init.line
    this.column = init.column
    this.offset = init.offset
    this.expected = init.expected
    this.found = init.found
    this.context = init.context
  }
}
