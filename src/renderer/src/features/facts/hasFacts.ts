import type { DocumentSummary } from '../../../../shared/model/document'

/** Whether a document has a Facts panel to show: a `kg` memory with at least one message (each one a fact). */
export const hasFacts = (summary: DocumentSummary | undefined): boolean =>
  summary?.status === 'ok' && summary.memoryType === 'kg' && summary.messageCount > 0
