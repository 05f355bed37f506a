/** Wrong arguments: the message and the usage go to stderr, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

/** An expected failure with a one-line explanation (missing file, invalid JSON, ...): exit code 1, no stack. */
export class CliError extends Error {
  override name = 'CliError'
}
