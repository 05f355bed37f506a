import { exportAnthropic } from './anthropicExport'
import type { ExportableSession, ExportFormat, ExportOptions, ExportResult } from './exportTypes'
import { exportJsonl } from './jsonlExport'
import { exportMarkdown } from './markdownExport'
import { exportMarsys } from './marsysExport'
import { exportOpenAI } from './openaiExport'

export * from './exportTypes'

/** One session in one of the export formats, with what the format cannot hold. */
export function exportSession(
  session: ExportableSession,
  format: ExportFormat,
  options: ExportOptions = {},
): ExportResult {
  switch (format) {
    case 'marsys':
      return exportMarsys(session, options)
    case 'openai':
      return exportOpenAI(session, options)
    case 'anthropic':
      return exportAnthropic(session, options)
    case 'jsonl':
      return exportJsonl(session)
    case 'markdown':
      return exportMarkdown(session)
  }
}
