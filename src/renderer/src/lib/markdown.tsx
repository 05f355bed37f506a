import type { ComponentProps, ReactElement } from 'react'
import Markdown, { type Components } from 'react-markdown'
import remarkGfm from 'remark-gfm'

/** Only absolute http(s) targets survive; everything else (javascript:, data:, relative paths) becomes ''. */
export function safeHref(url: string): string {
  return /^https?:\/\//i.test(url.trim()) ? url : ''
}

/** Headings start at h3: a message sits inside the document's own h1/h2 structure. */
const heading =
  (Tag: 'h3' | 'h4' | 'h5' | 'h6') =>
  ({ node: _node, ...props }: ComponentProps<'h3'> & { node?: unknown }) => <Tag {...props} />

const components: Components = {
  h1: heading('h3'),
  h2: heading('h4'),
  h3: heading('h5'),
  h4: heading('h6'),
  h5: heading('h6'),
  h6: heading('h6'),
  // External links open outside the app (Electron's window-open handler; a new tab in web mode); a link whose
  // target was refused shows its text only.
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    ) : (
      <span className="md-link-refused">{children}</span>
    ),
  // Nothing is fetched from a file's content: an image shows as its alt text.
  img: ({ alt }) => (
    <span className="md-image" title="Image not loaded">
      [image{alt ? `: ${alt}` : ''}]
    </span>
  ),
  pre: ({ children }) => <pre className="md-code">{children}</pre>,
  // Task-list boxes are read-only; the label says what the tick means to a screen reader.
  input: ({ checked }) => (
    <input
      type="checkbox"
      checked={Boolean(checked)}
      disabled
      readOnly
      aria-label={checked ? 'Done' : 'To do'}
    />
  ),
}

/**
 * Markdown (CommonMark + GitHub tables, task lists, strikethrough, autolinks) as React elements. Raw HTML in
 * the text is shown as text, never parsed; links are limited to http(s) and images are never loaded.
 */
export function renderMarkdown(source: string): ReactElement {
  return (
    <Markdown remarkPlugins={[remarkGfm]} components={components} urlTransform={safeHref}>
      {source}
    </Markdown>
  )
}
