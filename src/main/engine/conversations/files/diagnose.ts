import { diagnoseMarsysFile as marsysVerdict, syntaxDiagnostic } from '../../marsys/codec/diagnostics'
import type { Diagnose } from './marsysFileSource'

/**
 * File-level diagnostics and MARSYS's verdict on them, from the codec's checker. Each message's own problems are
 * found while it is indexed (Conversation.analysisAt), so opening a big file does not decode it twice.
 */
export const diagnoseMarsysFile: Diagnose = (file, syntaxError) =>
  syntaxError
    ? { marsysLoadable: false, errors: [syntaxDiagnostic(syntaxError)], warnings: [] }
    : marsysVerdict(file, { messages: false })
