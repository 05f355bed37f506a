import { sessionLosses, type ExportableSession, type ExportResult } from './exportTypes'

/** One message a line, each the store's `Message.to_dict()` form (nothing of the message is lost). */
export function exportJsonl(session: ExportableSession): ExportResult {
  const text = session.messages.map((message) => `${JSON.stringify(message.toDict())}\n`).join('')
  return { text, extension: 'jsonl', losses: sessionLosses(session, 'JSONL') }
}
