export function HighlightedSnippet({ snippet, start, end }: { snippet: string; start: number; end: number }) {
  return (
    <span className="snippet">
      {snippet.slice(0, start)}
      <mark>{snippet.slice(start, end)}</mark>
      {snippet.slice(end)}
    </span>
  )
}
