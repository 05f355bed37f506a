import { diagnoseMarsysFile as marsysVerdict, syntaxDiagnostic } from '../marsys/codec/diagnostics'
import type { Diagnose } from './marsysDocument'

/** File diagnostics and MARSYS's verdict for an open document, from the codec's checker. */
export const diagnoseMarsysFile: Diagnose = (file, syntaxError) =>
  syntaxError ? { marsysLoadable: false, errors: [syntaxDiagnostic(syntaxError)], warnings: [] } : marsysVerdict(file)
