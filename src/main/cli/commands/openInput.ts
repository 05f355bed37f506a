import {
  JsonSyntaxError,
  PY_JSON_MAX_DEPTH,
  formatShortJsonPath,
  pythonNestingNote,
} from '../../../shared/pyjson'
import { MarsysFile } from '../../engine/marsys/codec'
import { CliError } from '../cliErrors'
import { readInputFile } from '../readInput'

/**
 * Reads and indexes a MARSYS file, failing with one line for unreadable files, invalid JSON and nesting deeper
 * than MARSYS can load (the commands below would otherwise meet it half-way through).
 */
export async function openInputFile(cwd: string, fileArg: string): Promise<MarsysFile> {
  const { bytes } = await readInputFile(cwd, fileArg)
  try {
    const file = MarsysFile.open(bytes)
    if (file.topLevelKind !== 'object')
      throw new CliError(`${fileArg}: the top level is a JSON ${file.topLevelKind}, not an object`)
    const deep = file.deepNesting
    if (deep) {
      const { line, column } = file.lineCounter().at(deep.offset)
      throw new CliError(
        `${fileArg}: line ${line}, column ${column}: nested more than ${PY_JSON_MAX_DEPTH} levels deep at ` +
          `${formatShortJsonPath(deep.segments)} (${pythonNestingNote(deep.beyondEveryPython)})`,
      )
    }
    return file
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new CliError(`${fileArg}: invalid JSON: ${e.message}`)
    throw e
  }
}
