import { HighlightStyle, syntaxHighlighting } from '@codemirror/language'
import { tags } from '@lezer/highlight'

/** The theme variable (styles/tokens.css) each JSON token is drawn in; light and dark come from the tokens. */
export const JSON_SYNTAX_COLOURS = {
  string: '--syntax-string',
  number: '--syntax-number',
  atom: '--syntax-atom',
  null: '--syntax-null',
  property: '--syntax-property',
  punctuation: '--syntax-punctuation',
} as const

const colour = (kind: keyof typeof JSON_SYNTAX_COLOURS): string => `var(${JSON_SYNTAX_COLOURS[kind]})`

/** Replaces CodeMirror's default colours (dark red strings are unreadable on the dark theme's editor). */
export const jsonHighlighting = syntaxHighlighting(
  HighlightStyle.define([
    { tag: tags.string, color: colour('string') },
    { tag: tags.number, color: colour('number') },
    { tag: tags.bool, color: colour('atom') },
    { tag: tags.null, color: colour('null') },
    { tag: tags.propertyName, color: colour('property') },
    { tag: [tags.separator, tags.squareBracket, tags.brace], color: colour('punctuation') },
  ]),
)
