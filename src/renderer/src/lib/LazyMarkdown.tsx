import { lazy, memo, Suspense, type ReactNode } from 'react'

// The Markdown parser (micromark, remark-gfm) is over a third of the bundle and Markdown is off by default: it
// loads the first time a message is shown as Markdown.
const Markdown = lazy(() =>
  import('./markdown').then((module) => ({
    // Memoised: a card re-renders on selection and search changes; the text, and so the parse, rarely does.
    default: memo(({ source }: { source: string }) => module.renderMarkdown(source)),
  })),
)

/** `source` as Markdown; `fallback` (the plain text) shows while the renderer loads. */
export function LazyMarkdown({ source, fallback }: { source: string; fallback: ReactNode }) {
  return (
    <Suspense fallback={fallback}>
      <Markdown source={source} />
    </Suspense>
  )
}
