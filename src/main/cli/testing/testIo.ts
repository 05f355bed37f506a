import type { CliIo } from '../io'

export interface CapturedIo extends CliIo {
  out: string
  err: string
}

/** A CliIo that records what the CLI prints. */
export function captureIo(cwd: string): CapturedIo {
  const io: CapturedIo = {
    out: '',
    err: '',
    cwd,
    stdout: (text) => void (io.out += text),
    stderr: (text) => void (io.err += text),
  }
  return io
}
