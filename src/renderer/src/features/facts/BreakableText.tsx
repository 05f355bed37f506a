import { Fragment } from 'react'

/** A run without spaces longer than this may break anywhere; shorter ones break only at their joints. */
const LONG_TOKEN = 28

/**
 * Text of a narrow table cell: identifiers like `has_initial_description` may break after `_`, `.` or `/`
 * (a word boundary of sorts), and only a run longer than LONG_TOKEN breaks mid-way, so ordinary words stay whole.
 */
export function BreakableText({ text }: { text: string }) {
  return (
    <>
      {text.split(/(\s+)/).map((run, at) => {
        if (/^\s*$/.test(run)) return run
        const parts = run.split(/(?<=[_./])/)
        const joined = parts.map((part, i) => (
          <Fragment key={i}>
            {part}
            {i < parts.length - 1 ? <wbr /> : null}
          </Fragment>
        ))
        return Math.max(...parts.map((part) => part.length)) > LONG_TOKEN ? (
          <span key={at} className="long-token">
            {joined}
          </span>
        ) : (
          <Fragment key={at}>{joined}</Fragment>
        )
      })}
    </>
  )
}
