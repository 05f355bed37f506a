import type { ReactNode } from 'react'

/**
 * A deliberately tiny Markdown renderer that builds React elements (never HTML strings), so file content cannot
 * inject markup: headings, paragraphs, lists, block quotes, fenced code, rules, inline code, bold, italics and
 * http(s) links. Anything else stays as text.
 */
export function renderMarkdown(source: string): ReactNode[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n')
  const blocks: ReactNode[] = []
  let i = 0
  const key = (): string => `b${blocks.length}`
  while (i < lines.length) {
    const line = lines[i]
    const fence = /^\s*(```|~~~)\s*([\w+-]*)\s*$/.exec(line)
    if (fence) {
      const code: string[] = []
      i++
      while (i < lines.length && !lines[i].trimStart().startsWith(fence[1])) code.push(lines[i++])
      i++
      blocks.push(
        <pre key={key()} className="md-code" data-lang={fence[2] || undefined}>
          <code>{code.join('\n')}</code>
        </pre>,
      )
      continue
    }
    if (line.trim() === '') {
      i++
      continue
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line)
    if (heading) {
      const level = Math.min(6, heading[1].length + 2)
      const Tag = `h${level}` as 'h3'
      blocks.push(<Tag key={key()}>{renderInline(heading[2])}</Tag>)
      i++
      continue
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      blocks.push(<hr key={key()} />)
      i++
      continue
    }
    if (/^\s*>/.test(line)) {
      const quoted: string[] = []
      while (i < lines.length && /^\s*>/.test(lines[i])) quoted.push(lines[i++].replace(/^\s*>\s?/, ''))
      blocks.push(<blockquote key={key()}>{renderMarkdown(quoted.join('\n'))}</blockquote>)
      continue
    }
    const listMatch = /^\s*([-*+]|\d+[.)])\s+/.exec(line)
    if (listMatch) {
      const ordered = /\d/.test(listMatch[1])
      const items: string[] = []
      const itemPattern = ordered ? /^\s*\d+[.)]\s+(.*)$/ : /^\s*[-*+]\s+(.*)$/
      while (i < lines.length) {
        const item = itemPattern.exec(lines[i])
        if (item) items.push(item[1])
        else if (lines[i].trim() !== '' && /^\s{2,}/.test(lines[i]) && items.length > 0)
          items[items.length - 1] += ` ${lines[i].trim()}`
        else break
        i++
      }
      const children = items.map((item, n) => <li key={n}>{renderInline(item)}</li>)
      blocks.push(ordered ? <ol key={key()}>{children}</ol> : <ul key={key()}>{children}</ul>)
      continue
    }
    const paragraph: string[] = []
    while (
      i < lines.length &&
      lines[i].trim() !== '' &&
      !/^\s*(```|~~~|#{1,6}\s|>|[-*+]\s|\d+[.)]\s)/.test(lines[i])
    ) {
      paragraph.push(lines[i++])
    }
    if (paragraph.length === 0) paragraph.push(lines[i++])
    blocks.push(<p key={key()}>{renderInline(paragraph.join('\n'))}</p>)
  }
  return blocks
}

const INLINE_SOURCE =
  /(`+)([^`]|[^`][\s\S]*?[^`])\1|\*\*([^*]+)\*\*|__([^_]+)__|\*([^*\s][^*]*)\*|_([^_\s][^_]*)_|\[([^\]]+)\]\(([^)\s]+)\)/g

export function renderInline(text: string): ReactNode[] {
  const nodes: ReactNode[] = []
  let last = 0
  // A fresh regex per call: the recursion for nested emphasis must not share `lastIndex`.
  const inline = new RegExp(INLINE_SOURCE.source, 'g')
  for (let match = inline.exec(text); match; match = inline.exec(text)) {
    if (match.index > last) nodes.push(text.slice(last, match.index))
    const k = `i${match.index}`
    if (match[2] !== undefined) nodes.push(<code key={k}>{match[2]}</code>)
    else if (match[3] !== undefined || match[4] !== undefined)
      nodes.push(<strong key={k}>{renderInline(match[3] ?? match[4])}</strong>)
    else if (match[5] !== undefined || match[6] !== undefined)
      nodes.push(<em key={k}>{renderInline(match[5] ?? match[6])}</em>)
    else if (match[7] !== undefined) {
      const href = match[8]
      nodes.push(
        /^https?:\/\//i.test(href) ? (
          <a key={k} href={href} target="_blank" rel="noreferrer noopener">
            {match[7]}
          </a>
        ) : (
          match[0]
        ),
      )
    }
    last = match.index + match[0].length
  }
  if (last < text.length) nodes.push(text.slice(last))
  return nodes
}
