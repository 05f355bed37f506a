import { json } from '@codemirror/lang-json'
import { basicSetup, EditorView } from 'codemirror'
import { useEffect, useRef } from 'react'
import { jsonEditorTheme } from '../editing/JsonEditor'
import { jsonHighlighting } from '../editing/jsonHighlight'

/** JSON text in CodeMirror, read-only: colours, folding, search and selection, no way to change it. */
export function ReadOnlyJson({ label, text }: { label: string; text: string }) {
  const host = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const parent = host.current
    if (!parent) return
    const view = new EditorView({
      parent,
      doc: text,
      extensions: [
        basicSetup,
        json(),
        jsonEditorTheme,
        jsonHighlighting,
        // Not editable (no caret, no input), but focusable, so a keyboard reaches and scrolls it.
        EditorView.editable.of(false),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({
          'aria-label': label,
          'aria-readonly': 'true',
          role: 'textbox',
          'aria-multiline': 'true',
          tabindex: '0',
        }),
      ],
    })
    return () => view.destroy()
  }, [label, text])
  return <div className="read-only-json" ref={host} />
}
