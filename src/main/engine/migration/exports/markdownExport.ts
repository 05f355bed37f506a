import type { Message } from '../../../../shared/model/langswarm'
import { toolCallsOf } from '../../langswarm/toolCalls'
import type { ExportableSession, ExportResult } from './exportTypes'

/**
 * A transcript for people: a heading per message (number, role, name, time), its text as written, tool calls
 * and their arguments as JSON blocks, tool results with the call they answer. Summaries come first.
 */
export function exportMarkdown(session: ExportableSession): ExportResult {
  const meta = session.metadata
  const lines: string[] = [`# Session ${meta.session_id}`, '']
  const facts: [string, string | null][] = [
    ['user', meta.user_id],
    ['agent', meta.agent_id],
    ['status', meta.status],
    ['created', meta.created_at.toIsoString()],
    ['updated', meta.updated_at.toIsoString()],
    ['messages', String(session.messages.length)],
  ]
  for (const [label, value] of facts) if (value !== null) lines.push(`- **${label}**: ${value}`)
  if (meta.tags.length > 0) lines.push(`- **tags**: ${meta.tags.join(', ')}`)
  for (const summary of session.summaries) {
    lines.push('', `## Summary (${summary.created_at.toIsoString()})`, '', summary.summary)
    if (summary.key_topics.length > 0) lines.push('', `Key topics: ${summary.key_topics.join(', ')}`)
  }
  session.messages.forEach((message, index) => lines.push('', ...messageLines(message, index + 1)))
  return { text: `${lines.join('\n')}\n`, extension: 'md', losses: [] }
}

function messageLines(message: Message, number: number): string[] {
  const name = message.name === null ? '' : ` (${message.name})`
  const lines = [`## ${number}. ${message.role}${name} — ${message.timestamp.toIsoString()}`, '']
  if (message.toolCallId !== null) lines.push(`*Result of call \`${message.toolCallId}\`*`, '')
  if (message.content !== '') lines.push(fenceIfNeeded(message.content))
  for (const call of toolCallsOf(message)) {
    const args = typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments, null, 2)
    lines.push(
      '',
      `**Tool call** \`${call.name}\`${call.id === null ? '' : ` (id \`${call.id}\`)`}:`,
      '',
      fence(args, 'json'),
    )
  }
  return lines
}

/** Text shown as written: kept as Markdown unless it holds a fence of its own, which would break the page. */
const fenceIfNeeded = (text: string): string => (text.includes('```') ? fence(text, '') : text)

function fence(text: string, lang: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  const marks = '`'.repeat(longest + 1)
  return `${marks}${lang}\n${text}\n${marks}`
}
