import { JsonSyntaxError } from '../../../shared/pyjson'
import { MarsysFile } from '../../engine/marsys/codec'
import { CliError } from '../errors'
import { readInputFile } from '../readInput'

/** Reads and indexes a MARSYS file, failing with one line for unreadable files and invalid JSON. */
export async function openInputFile(cwd: string, fileArg: string): Promise<MarsysFile> {
  const { bytes } = await readInputFile(cwd, fileArg)
  try {
    const file = MarsysFile.open(bytes)
    if (file.topLevelKind !== 'object')
      throw new CliError(`${fileArg}: the top level is a JSON ${file.topLevelKind}, not an object`)
    return file
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new CliError(`${fileArg}: invalid JSON: ${e.message}`)
    throw e
  }
}
