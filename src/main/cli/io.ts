/** Where the CLI writes; tests capture it. */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  /** Relative paths resolve against this folder. */
  cwd: string
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  cwd: process.cwd(),
}

export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2
