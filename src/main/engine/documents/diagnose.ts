import type { Diagnose } from './marsysDocument'

/** File diagnostics and MARSYS's verdict for an open document (wired to the codec's checker). */
export const diagnoseMarsysFile: Diagnose = (_file, syntaxError) =>
  syntaxError
    ? { marsysLoadable: false, errors: [{ message: syntaxError.message, path: '$', line: syntaxError.line, column: syntaxError.column }], warnings: [] }
    : { marsysLoadable: true, errors: [], warnings: [] }
