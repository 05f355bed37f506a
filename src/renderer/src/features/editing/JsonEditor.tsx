import { json } from '@codemirror/lang-json'
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint'
import { basicSetup, EditorView } from 'codemirror'
import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { jsonHighlighting } from './jsonHighlight'
import { jsonProblem } from './jsonText'

interface Props {
  /** The editor's accessible name. */
  label: string
  /** The text it starts with; later changes of this prop are ignored (the editor owns its text). */
  initial: string
  onChange(text: string): void
  autoFocus?: boolean
  /** The text is saved as a string whatever it holds (a dict saved as a JSON string): errors become warnings. */
  lenient?: boolean
}

/** Underlines the first syntax error where main's parser would stop. */
const syntaxLinter = (severity: Diagnostic['severity']) =>
  linter(
    (view): Diagnostic[] => {
      const text = view.state.doc.toString()
      const problem = jsonProblem(text)
      if (!problem) return []
      const from = Math.min(problem.offset, text.length)
      return [
        {
          from,
          to: Math.min(from + 1, text.length),
          severity,
          message: problem.message,
        },
      ]
    },
    { delay: 200 },
  )

/** The look of the app's JSON editors (and of its read-only JSON views). */
export const jsonEditorTheme = EditorView.theme({
  '&': {
    backgroundColor: 'var(--code-bg)',
    color: 'var(--fg)',
    border: '1px solid var(--border)',
    borderRadius: '4px',
    fontSize: '0.95em',
    maxHeight: '28rem',
  },
  '&.cm-focused': { outline: '2px solid var(--focus)' },
  '.cm-scroller': { fontFamily: 'var(--mono)', overflow: 'auto' },
  '.cm-gutters': {
    backgroundColor: 'var(--bg-soft)',
    color: 'var(--fg-muted)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'transparent' },
  '.cm-cursor': { borderLeftColor: 'var(--fg)' },
})

/**
 * A CodeMirror 6 JSON editor: syntax colours, brackets, its own undo, and syntax errors underlined in the text,
 * marked in the gutter and spelled out below it (the same parser main uses decides).
 */
export function JsonEditor({ label, initial, onChange, autoFocus = false, lenient = false }: Props) {
  const host = useRef<HTMLDivElement>(null)
  const onChangeRef = useRef(onChange)
  const errorId = useId()
  const [text, setText] = useState(initial)
  const problem = useMemo(() => jsonProblem(text), [text])
  const latestText = useRef(initial)
  const firstFocus = useRef(autoFocus)

  useEffect(() => {
    onChangeRef.current = onChange
  })

  useEffect(() => {
    const parent = host.current
    if (!parent) return
    const view = new EditorView({
      parent,
      doc: latestText.current,
      extensions: [
        basicSetup,
        json(),
        syntaxLinter(lenient ? 'warning' : 'error'),
        lintGutter(),
        jsonEditorTheme,
        jsonHighlighting,
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': label, 'aria-describedby': errorId }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return
          const next = update.state.doc.toString()
          latestText.current = next
          setText(next)
          onChangeRef.current(next)
        }),
      ],
    })
    if (firstFocus.current) view.focus()
    return () => view.destroy()
  }, [label, errorId, lenient])

  return (
    <div className="json-editor">
      <div ref={host} />
      <p
        id={errorId}
        className={`json-editor-status ${problem ? (lenient ? 'severity-warning' : 'severity-error') : 'muted'}`}
        aria-live="polite"
      >
        {problem
          ? lenient
            ? `Not valid JSON (it is saved as this text anyway): ${problem.message}`
            : `JSON error: ${problem.message}`
          : 'Valid JSON'}
      </p>
    </div>
  )
}
